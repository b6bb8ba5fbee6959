package ke.thibitisha.ops;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import ke.thibitisha.payments.PaymentStatus;
import ke.thibitisha.platform.Settings;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Logger;

/**
 * Data minimisation: every night, payments older than {@code RETENTION_DAYS} (default 90) that are
 * settled lose their phone number and account number ({@code BillRefNumber}, often an ID or a phone number),
 * raw Daraja callbacks of that age lose their body and headers, and customer directory entries neither written
 * nor used by a payment for that long are removed. Amounts, receipts, outcomes and the audit trail stay for the
 * auditors.
 */
@Singleton
public class RetentionJob {

    private static final Logger LOG = Logger.getLogger(RetentionJob.class.getName());

    @PersistenceContext
    EntityManager em;
    @Inject
    Settings settings;

    @Schedule(hour = "2", minute = "30", persistent = false, info = "thibitisha-retention")
    void nightly() {
        purgeOlderThan(Duration.ofDays(settings.retentionDays()));
    }

    /** @return how many payments, raw callbacks and customer directory entries were reduced or removed */
    public int[] purgeOlderThan(Duration age) {
        Instant cutoff = Instant.now().minus(age);
        List<PaymentStatus> settled = Arrays.stream(PaymentStatus.values()).filter(PaymentStatus::isFinal).toList();
        int payments = em.createQuery("update Payment p set p.phoneE164 = null, p.countedPhone = null, p.billRef = null"
                        + " where p.createdAt < :cutoff and (p.phoneE164 is not null or p.billRef is not null)"
                        + " and p.status in :settled")
                .setParameter("cutoff", cutoff).setParameter("settled", settled).executeUpdate();
        int callbacks = em.createQuery("update RawCallback r set r.body = null, r.headers = null"
                        + " where r.receivedAt < :cutoff and r.body is not null")
                .setParameter("cutoff", cutoff).executeUpdate();
        int customers = em.createQuery("delete from Customer c where c.updatedAt < :cutoff"
                        + " and (c.lastUsedAt is null or c.lastUsedAt < :cutoff)")
                .setParameter("cutoff", cutoff).executeUpdate();
        LOG.info(() -> String.format("retention: %d payments anonymised, %d raw callback bodies dropped,"
                + " %d unused customer directory entries removed (older than %s)", payments, callbacks, customers, cutoff));
        return new int[]{payments, callbacks, customers};
    }
}
