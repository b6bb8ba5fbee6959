package ke.thibitisha.verification;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import ke.thibitisha.dialer.DialQueue;
import ke.thibitisha.payments.Payment;
import ke.thibitisha.payments.PaymentLedger;
import ke.thibitisha.payments.PaymentStatus;

import java.time.Instant;
import java.util.Optional;

/**
 * The verifier's short transactions. No transaction is open while Daraja is asked; the decision is then applied
 * to the row-locked payment, and only if it is still VERIFYING (an operator may have released it meanwhile, or a
 * redelivered message may have been decided already), so each payment is decided once.
 */
@Stateless
public class VerificationBookkeeping {

    @PersistenceContext
    EntityManager em;
    @Inject
    PaymentLedger ledger;
    @Inject
    DialQueue dialQueue;

    /** What the verifier needs to know about a payment still waiting for Daraja. */
    public record Pending(long paymentId, String shortcode, String checkoutRequestId, Instant receivedAt) {
    }

    public Optional<Pending> pending(long paymentId) {
        Payment payment = em.find(Payment.class, paymentId);
        if (payment == null || payment.getStatus() != PaymentStatus.VERIFYING) {
            return Optional.empty();
        }
        return Optional.of(new Pending(paymentId, payment.getShortcode(), payment.getCheckoutRequestId(),
                payment.getCreatedAt()));
    }

    /** Daraja confirmed the payment (or verification was switched off for its paybill): on to the dial queue. */
    public boolean release(long paymentId, String cause) {
        Payment payment = ledger.lockPayment(paymentId).orElse(null);
        if (payment == null) {
            return false;
        }
        Optional<Payment.DialOrder> order = payment.verified(cause);
        order.ifPresent(dialQueue::enqueue);
        ledger.store(payment);
        return order.isPresent();
    }

    /** Not paid according to Daraja, or no answer in time: never dialled unless an operator releases it. */
    public boolean unverified(long paymentId, String reason) {
        Payment payment = ledger.lockPayment(paymentId).orElse(null);
        if (payment == null || !payment.unverified(reason)) {
            return false;
        }
        ledger.store(payment);
        return true;
    }
}
