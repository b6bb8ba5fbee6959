package ke.thibitisha.it;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.UserTransaction;
import ke.thibitisha.intake.Customer;
import ke.thibitisha.intake.RawCallback;
import ke.thibitisha.ops.RetentionJob;
import ke.thibitisha.payments.Payment;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs inside the server: the nightly data-minimisation job drops the phone number of old settled payments and
 * the body and headers of old raw callbacks, and leaves everything else — recent rows, unsettled payments,
 * amounts, receipts, outcomes — alone. Rows are aged by moving their timestamps back with SQL.
 */
@ExtendWith(ArquillianExtension.class)
class RetentionIT {

    private static final Duration RETENTION = Duration.ofDays(90);

    @Inject
    RetentionJob retention;
    @PersistenceContext
    EntityManager em;
    @Resource
    UserTransaction tx;

    @Deployment
    static WebArchive deployment() {
        return Deployments.thibitisha().addClasses(RetentionIT.class, App.class, Health.class, SimulatorControl.class);
    }

    @Test
    void oldSettledPaymentsLoseThePhoneNumberAndOldRawCallbacksTheirBody() throws Exception {
        long oldSettled = acknowledgedPayment();
        long oldUnsettled = acknowledgedPayment();
        long recent = acknowledgedPayment();
        Instant longAgo = Instant.now().minus(RETENTION).minus(Duration.ofDays(1));
        tx.begin();
        age(oldSettled, longAgo);
        age(oldUnsettled, longAgo);
        // a payment still waiting for its call must keep its number, however old
        em.createNativeQuery("update payment set status = 'QUEUED' where id = ?1")
                .setParameter(1, oldUnsettled).executeUpdate();
        tx.commit();

        int[] reduced = retention.purgeOlderThan(RETENTION);

        em.clear();
        Payment settled = em.find(Payment.class, oldSettled);
        assertNull(settled.getPhoneE164(), "old settled payment keeps no phone number");
        assertNotNull(settled.getPhoneMasked());
        assertNotNull(settled.getReceipt());
        assertEquals("ACKNOWLEDGED", settled.getStatus().name());
        assertNull(rawOf(settled).getBody(), "old raw callback keeps no body");

        Payment unsettled = em.find(Payment.class, oldUnsettled);
        assertNotNull(unsettled.getPhoneE164(), "unsettled payment keeps its number");

        Payment fresh = em.find(Payment.class, recent);
        assertNotNull(fresh.getPhoneE164(), "recent payment keeps its number");
        assertNotNull(rawOf(fresh).getBody(), "recent raw callback keeps its body");

        assertTrue(reduced[0] >= 1 && reduced[1] >= 2, "counts reported: " + reduced[0] + ", " + reduced[1]);
        assertArrayEquals(new int[]{0, 0, 0}, retention.purgeOlderThan(RETENTION), "a second run finds nothing");

        tx.begin(); // back to what it really is, so no test after this one sees a payment waiting for nothing
        em.createNativeQuery("update payment set status = 'ACKNOWLEDGED' where id = ?1")
                .setParameter(1, oldUnsettled).executeUpdate();
        tx.commit();
    }

    @Test
    void oldPaymentsLoseTheAccountNumberAndUnusedDirectoryEntriesGo() throws Exception {
        String stale = "STALE-" + App.newMsisdn().substring(4);
        String used = "USED-" + App.newMsisdn().substring(4);
        String fresh = "FRESH-" + App.newMsisdn().substring(4);
        Instant longAgo = Instant.now().minus(RETENTION).minus(Duration.ofDays(1));
        tx.begin();
        em.persist(new Customer(stale, "+254712000001"));
        em.persist(new Customer(used, "+254712000002"));
        em.persist(new Customer(fresh, "+254712000003"));
        em.flush();
        em.createNativeQuery("update customer set updated_at = ?1 where account_ref in (?2, ?3)")
                .setParameter(1, longAgo).setParameter(2, stale).setParameter(3, used).executeUpdate();
        // written long ago, but a payment used it yesterday: still in use
        em.createNativeQuery("update customer set last_used_at = ?1 where account_ref = ?2")
                .setParameter(1, Instant.now().minus(Duration.ofDays(1))).setParameter(2, used).executeUpdate();
        tx.commit();
        long oldC2b = acknowledgedPayment();
        tx.begin();
        em.createNativeQuery("update payment set bill_ref = 'ID-12345678' where id = ?1").setParameter(1, oldC2b).executeUpdate();
        age(oldC2b, longAgo);
        tx.commit();

        int[] reduced = retention.purgeOlderThan(RETENTION);

        em.clear();
        assertNull(em.find(Customer.class, stale), "an entry unused for the retention period is removed");
        assertNotNull(em.find(Customer.class, used), "an entry a payment used lately stays");
        assertNotNull(em.find(Customer.class, fresh), "a recent entry stays");
        Payment old = em.find(Payment.class, oldC2b);
        assertNull(old.getBillRef(), "an old settled payment keeps no account number");
        assertNull(old.getPhoneE164());
        assertTrue(reduced[2] >= 1, "removed entries are counted: " + reduced[2]);
    }

    private void age(long paymentId, Instant when) {
        Payment payment = em.find(Payment.class, paymentId);
        em.createNativeQuery("update payment set created_at = ?1 where id = ?2")
                .setParameter(1, when).setParameter(2, paymentId).executeUpdate();
        em.createNativeQuery("update raw_callback set received_at = ?1 where id = ?2")
                .setParameter(1, when).setParameter(2, payment.getRawCallbackId()).executeUpdate();
    }

    private RawCallback rawOf(Payment payment) {
        return em.find(RawCallback.class, payment.getRawCallbackId());
    }

    /** A paid STK callback, called and confirmed with 1 through the simulator: a settled payment with a number. */
    private static long acknowledgedPayment() {
        String msisdn = App.newMsisdn();
        SimulatorControl.script(msisdn, "answer:100:200:1");
        String checkout = App.paidStk(msisdn, 250);
        return App.awaitPayment(checkout, App.status("ACKNOWLEDGED"), Duration.ofSeconds(30)).getInt("id");
    }

}
