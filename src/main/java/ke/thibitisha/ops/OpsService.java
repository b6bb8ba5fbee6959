package ke.thibitisha.ops;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import ke.thibitisha.audit.AuditTrail;
import ke.thibitisha.audit.OperatorAction;
import ke.thibitisha.dialer.DialQueue;
import ke.thibitisha.intake.RawCallbackRepository;
import ke.thibitisha.payments.Payment;
import ke.thibitisha.payments.PaymentRepository;
import ke.thibitisha.payments.PaymentStatus;
import ke.thibitisha.platform.Settings;

import java.time.Instant;
import java.util.Optional;

import static ke.thibitisha.platform.JsonProviders.JSON;

/** Reads and the few writes of the operations API. */
@Stateless
public class OpsService {

    @Inject
    PaymentRepository payments;
    @Inject
    DialQueue dialQueue;
    @Inject
    Settings settings;
    @Inject
    AuditTrail audit;
    @Inject
    RawCallbackRepository rawCallbacks;

    /** {@code phoneEnding}: the last digits of the payer's number (an operator's "the one ending 4149"). */
    public JsonArrayBuilder list(Optional<PaymentStatus> status, Optional<Instant> since, Optional<String> phoneEnding,
                                 int limit, int offset) {
        JsonArrayBuilder items = JSON.createArrayBuilder();
        payments.newestFirst(status, since, phoneEnding, limit, offset).forEach(p -> items.add(PaymentViews.summary(p)));
        return items;
    }

    /** By database id, M-Pesa receipt, or CheckoutRequestID. */
    public Optional<Payment> find(String ref) {
        return payments.byReference(ref);
    }

    public Optional<JsonObject> story(String ref) {
        return find(ref).map(p -> PaymentViews.story(p, rawCallbacks.find(p.getRawCallbackId()).orElse(null),
                payments.attempts(p.getId()), payments.trail(p.getId())));
    }

    /**
     * A new attempt for a payment that is not being dialled right now; the reason it can't be, otherwise.
     * Audited either way, in the same transaction.
     */
    public Optional<String> redial(Payment detached, String operator) {
        Payment payment = payments.lockPayment(detached.getId()).orElseThrow();
        Payment.Redial redial = payment.redial(operator, Instant.now(), settings.callHoldTimeout());
        redial.order().ifPresent(dialQueue::enqueue);
        payments.store(payment);
        audit.record(OperatorAction.REDIAL, AuditTrail.PAYMENT, String.valueOf(detached.getId()), detached.getId(),
                redial.refusal().map(why -> "refused: " + why).orElse("new attempt queued"));
        return redial.refusal();
    }
}
