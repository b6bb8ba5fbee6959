package ke.thibitisha.payments;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The one place where a payment changes status: applies the state machine, writes the audit trail
 * and the log line. Runs inside the caller's transaction.
 */
@Stateless
public class PaymentLedger {

    private static final Logger LOG = Logger.getLogger(PaymentLedger.class.getName());

    @PersistenceContext
    EntityManager em;

    /** @return whether the move was applied; a refused move is logged and changes nothing */
    public boolean move(Payment payment, PaymentStatus next, String cause) {
        PaymentStatus before = payment.getStatus();
        if (before == next) {
            return true;
        }
        PaymentTransition transition = payment.moveTo(next, cause);
        if (transition == null) {
            LOG.warning(() -> String.format("payment=%d receipt=%s refused move %s -> %s (%s)",
                    payment.getId(), payment.getReceipt(), before, next, cause));
            return false;
        }
        em.persist(transition);
        LOG.info(() -> String.format("payment=%d receipt=%s status %s -> %s: %s",
                payment.getId(), payment.getReceipt(), before, next, cause));
        return true;
    }

    public Optional<Payment> find(long id) {
        return Optional.ofNullable(em.find(Payment.class, id));
    }

    public List<PaymentTransition> trail(long paymentId) {
        return em.createNamedQuery("PaymentTransition.ofPayment", PaymentTransition.class)
                .setParameter("paymentId", paymentId).getResultList();
    }

    public List<CallAttempt> attempts(long paymentId) {
        return em.createNamedQuery("CallAttempt.ofPayment", CallAttempt.class)
                .setParameter("paymentId", paymentId).getResultList();
    }
}
