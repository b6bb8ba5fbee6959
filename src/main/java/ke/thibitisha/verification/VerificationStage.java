package ke.thibitisha.verification;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import ke.thibitisha.payments.Payment;
import ke.thibitisha.payments.PaymentKind;
import ke.thibitisha.payments.PaymentLedger;
import ke.thibitisha.payments.PaymentStatus;

import java.time.Duration;

/** Where intake hands over a successful STK payment of a verified paybill instead of queueing its call. */
@ApplicationScoped
public class VerificationStage {

    @Inject
    DarajaSettings settings;
    @Inject
    PaymentLedger ledger;
    @Inject
    VerificationQueue queue;

    /** C2B payments cannot be asked about with STK Push Query, and paybills without a passkey are not verified. */
    public boolean appliesTo(Payment payment) {
        return payment.getKind() == PaymentKind.STK && settings.verifies(payment.getShortcode());
    }

    /** In the caller's transaction: the payment waits for Daraja, and its verification message is sent. */
    public void start(Payment payment) {
        ledger.move(payment, PaymentStatus.VERIFYING, "payment received, confirming it with Daraja (STK Push Query)");
        queue.send(VerificationQueue.Order.first(payment.getId()), Duration.ZERO);
    }
}
