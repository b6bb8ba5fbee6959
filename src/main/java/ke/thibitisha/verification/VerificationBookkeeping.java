package ke.thibitisha.verification;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import ke.thibitisha.dialer.DialQueue;
import ke.thibitisha.payments.Payment;
import ke.thibitisha.payments.PaymentRepository;
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

    @Inject
    PaymentRepository payments;
    @Inject
    DialQueue dialQueue;

    /** What the verifier needs to know about a payment still waiting for Daraja. */
    public record Pending(long paymentId, String shortcode, String checkoutRequestId, Instant receivedAt) {
    }

    public Optional<Pending> pending(long paymentId) {
        Payment payment = payments.find(paymentId).orElse(null);
        if (payment == null || payment.getStatus() != PaymentStatus.VERIFYING) {
            return Optional.empty();
        }
        return Optional.of(new Pending(paymentId, payment.getShortcode(), payment.getCheckoutRequestId(),
                payment.getCreatedAt()));
    }

    /** Daraja confirmed the payment (or verification was switched off for its paybill): on to the dial queue. */
    public boolean release(long paymentId, String cause) {
        Payment payment = payments.lockPayment(paymentId).orElse(null);
        if (payment == null) {
            return false;
        }
        Optional<Payment.DialOrder> order = payment.verified(cause);
        order.ifPresent(dialQueue::enqueue);
        payments.store(payment);
        return order.isPresent();
    }

    /** Not paid according to Daraja, or no answer in time: never dialled unless an operator releases it. */
    public boolean unverified(long paymentId, String reason) {
        Payment payment = payments.lockPayment(paymentId).orElse(null);
        if (payment == null || !payment.unverified(reason)) {
            return false;
        }
        payments.store(payment);
        return true;
    }
}
