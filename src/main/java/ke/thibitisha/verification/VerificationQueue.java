package ke.thibitisha.verification;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.Queue;

import java.time.Duration;

/**
 * Payments waiting to be confirmed with Daraja. A message is sent inside the caller's JTA transaction when there
 * is one (intake), so it exists only if the payment row does; a later try is the same message sent again with a
 * delivery delay, so no thread ever sleeps while a payment waits.
 */
@ApplicationScoped
public class VerificationQueue {

    static final String QUEUE_LOOKUP = "java:/jms/queue/ThibitishaVerifications";
    private static final String PAYMENT_ID = "paymentId";
    private static final String QUERIES = "queries";
    private static final String RESERVED = "reserved";

    @Inject
    JMSContext jms;

    @Resource(lookup = QUEUE_LOOKUP)
    Queue queue;

    void send(Order order, Duration delay) {
        MapMessage message = jms.createMapMessage();
        try {
            message.setLong(PAYMENT_ID, order.paymentId());
            message.setInt(QUERIES, order.queries());
            message.setBoolean(RESERVED, order.reserved());
        } catch (JMSException e) {
            throw new IllegalStateException("cannot build the verification message", e);
        }
        var producer = jms.createProducer();
        if (!delay.isZero() && !delay.isNegative()) {
            producer.setDeliveryDelay(Math.max(1, delay.toMillis()));
        }
        producer.send(queue, message);
    }

    /**
     * A payment to verify: how many queries it has had, and whether it already holds a slot in its paybill's rate
     * limit (it was sent back to wait for that slot).
     */
    record Order(long paymentId, int queries, boolean reserved) {

        static Order first(long paymentId) {
            return new Order(paymentId, 0, false);
        }

        Order asked() {
            return new Order(paymentId, queries + 1, false);
        }

        Order holding(boolean slot) {
            return new Order(paymentId, queries, slot);
        }

        static Order of(Message message) throws JMSException {
            MapMessage map = (MapMessage) message;
            return new Order(map.getLong(PAYMENT_ID), map.getInt(QUERIES), map.getBoolean(RESERVED));
        }
    }
}
