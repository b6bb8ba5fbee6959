package ke.thibitisha.ops;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import ke.thibitisha.intake.Customer;
import ke.thibitisha.payments.PhoneNumbers;
import ke.thibitisha.platform.Settings;

import java.util.logging.Logger;

/** Writes to the customer directory used for C2B payments. */
@Stateless
public class CustomerDirectory {

    private static final Logger LOG = Logger.getLogger(CustomerDirectory.class.getName());

    @PersistenceContext
    EntityManager em;

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
