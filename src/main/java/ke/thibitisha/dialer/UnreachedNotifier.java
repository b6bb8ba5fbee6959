package ke.thibitisha.dialer;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import ke.thibitisha.platform.Settings;

import java.util.UUID;

import static ke.thibitisha.platform.JsonProviders.JSON;

/**
 * Tells an optional outside system (for example an SMS sender) that a payment could not be confirmed by
 * phone. The notice is put on a durable queue in the same transaction that makes the payment UNREACHED, so it
 * exists exactly when that commit does; {@link UnreachedHookMDB} delivers it, retrying with backoff. Never
 * carries the phone number.
 */
@ApplicationScoped
public class UnreachedNotifier {

    static final String QUEUE_LOOKUP = "java:/jms/queue/ThibitishaHooks";

    @Inject
    Settings settings;
    @Inject
    JMSContext jms;
    @Resource(lookup = QUEUE_LOOKUP)
    Queue queue;

    void onUnreached(@Observes PaymentUnreached event) {
        if (settings.unreachedHookUrl().isEmpty()) {
            return;
        }
        String body = JSON.createObjectBuilder()
                .add("event", "payment.unreached")
                .add("event_id", UUID.randomUUID().toString())
                .add("payment_id", event.paymentId())
                .add("receipt", event.receipt() == null ? "" : event.receipt())
                .add("amount", event.amount() == null ? "" : event.amount().toPlainString())
                .add("shortcode", event.shortcode())
                .add("attempts", event.attempts())
                .add("last_status", event.lastStatus())
                .build().toString();
        jms.createProducer().send(queue, body);
    }
}
