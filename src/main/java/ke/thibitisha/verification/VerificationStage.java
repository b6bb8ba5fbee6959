package ke.thibitisha.verification;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import ke.thibitisha.payments.PaymentKind;

import java.time.Duration;

/** Where intake hands over a successful STK payment of a verified paybill instead of queueing its call. */
@ApplicationScoped
public class VerificationStage {

    @Inject
    DarajaSettings settings;
    @Inject
    VerificationQueue queue;

    /** The cause of the transition to {@code VERIFYING}, for intake's audit row. */
    public static final String STARTED = "payment received, confirming it with Daraja (STK Push Query)";

    /** C2B payments cannot be asked about with STK Push Query, and paybills without a passkey are not verified. */
    public boolean appliesTo(PaymentKind kind, String shortcode) {
        return kind == PaymentKind.STK && settings.verifies(shortcode);
    }

    /**
     * In the caller's transaction: the verification message of a payment that intake inserted already in
     * {@code VERIFYING} (its group insert writes each row once, in its final state, with the audit row).
     */
    public void started(long paymentId) {
        queue.send(VerificationQueue.Order.first(paymentId), Duration.ZERO);
    }
}
