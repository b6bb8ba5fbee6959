package ke.thibitisha.ops;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import ke.thibitisha.audit.AuditTrail;
import ke.thibitisha.audit.OperatorAction;
import ke.thibitisha.intake.Customer;
import ke.thibitisha.payments.PhoneNumbers;
import ke.thibitisha.platform.Settings;

import java.time.Instant;
import java.util.logging.Logger;

/** Writes to the customer directory used for C2B payments. */
@Stateless
public class CustomerDirectory {

    private static final Logger LOG = Logger.getLogger(CustomerDirectory.class.getName());

    @PersistenceContext
    EntityManager em;
    @Inject
    AuditTrail audit;

    /** One entry written by an operator, audited in the same transaction. @return true when the account is new */
    public boolean put(String accountRef, String e164) {
        boolean created = save(accountRef, e164);
        audit.record(OperatorAction.CUSTOMER_WRITE, AuditTrail.CUSTOMER, Customer.normalise(accountRef), null,
                (created ? "created, phone " : "updated, phone ") + PhoneNumbers.mask(e164));
        return created;
    }

    /** A bulk import is audited once, with its counts (its rows commit one by one through {@link #save}). */
    public void recordImport(int imported, int rejected) {
        audit.record(OperatorAction.CUSTOMERS_IMPORT, AuditTrail.CUSTOMER, null, null,
                imported + " rows imported, " + rejected + " rejected");
    }

    /** @return true when the account is new */
    public boolean save(String accountRef, String e164) {
        String key = Customer.normalise(accountRef);
        Customer existing = em.find(Customer.class, key);
        if (existing != null) {
            existing.update(e164);
        } else {
            em.persist(new Customer(key, e164));
        }
        LOG.info(() -> "customer directory: account " + Customer.mask(key) + " -> " + PhoneNumbers.mask(e164));
        return existing == null;
    }

    /** Data minimisation: entries neither written nor used by a payment since {@code cutoff} go. @return how many */
    public int removeUnusedSince(Instant cutoff) {
        return em.createQuery("delete from Customer c where c.updatedAt < :cutoff"
                        + " and (c.lastUsedAt is null or c.lastUsedAt < :cutoff)")
                .setParameter("cutoff", cutoff).executeUpdate();
    }

    /** Why this row cannot go into the directory, or null. */
    static String problem(String accountRef, String phone, Settings settings) {
        String key = Customer.normalise(accountRef);
        if (key.isEmpty() || key.length() > 64) {
            return "account_ref must be 1 to 64 characters";
        }
        PhoneNumbers.Verdict verdict = PhoneNumbers.check(phone, settings.allowedRegions());
        return verdict.dialable() ? null : verdict.reason();
    }
}
