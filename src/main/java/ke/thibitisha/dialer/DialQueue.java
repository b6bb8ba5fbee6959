package ke.thibitisha.dialer;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.transaction.Transactional;
import ke.thibitisha.payments.Payment;
import ke.thibitisha.payments.PaymentRepository;

import java.time.Duration;
import java.time.Instant;

/**
 * The queue of calls to place. A message names a payment and an attempt number; it is sent inside the
 * caller's JTA transaction, so it exists only if the caller's database work commits. The same transaction
 * stamps the payment with the order's due time ({@code dial_order_due_at}), which tells {@link OrderSweep}
 * whether an order should still be on its way.
 */
@ApplicationScoped
public class DialQueue {

    static final String QUEUE_LOOKUP = "java:/jms/queue/ThibitishaCalls";
    static final String PAYMENT_ID = "paymentId";
    static final String ATTEMPT_NO = "attemptNo";

    @Inject
    JMSContext jms;

    @Resource(lookup = QUEUE_LOOKUP)
    Queue queue;
    @Inject
    PaymentRepository payments;

    @Transactional
    public void enqueue(long paymentId, int attemptNo, Duration delay) {
        payments.stampDialOrderDue(paymentId, Instant.now().plus(delay));
        send(paymentId, attemptNo, delay);
    }

    @Transactional
    public void enqueue(Payment.DialOrder order) {
        enqueue(order.paymentId(), order.attemptNo(), order.delay());
    }

    /**
     * The first order of a payment that intake inserted with {@code dial_order_due_at} already set to now (its
     * group insert writes each row once, in its final state), inside the caller's transaction.
     */
    @Transactional
    public void enqueueFirstOfStamped(long paymentId) {
        send(paymentId, 1, Duration.ZERO);
    }

    private void send(long paymentId, int attemptNo, Duration delay) {
        MapMessage message = jms.createMapMessage();
        try {
            message.setLong(PAYMENT_ID, paymentId);
            message.setInt(ATTEMPT_NO, attemptNo);
        } catch (JMSException e) {
            throw new IllegalStateException("cannot build the dial message", e);
        }
        var producer = jms.createProducer();
        if (!delay.isZero()) {
            producer.setDeliveryDelay(delay.toMillis());
        }
        producer.send(queue, message);
    }

    /** The payment and attempt a dial message names. */
    record Order(long paymentId, int attemptNo) {
        static Order of(Message message) throws JMSException {
            MapMessage map = (MapMessage) message;
            return new Order(map.getLong(PAYMENT_ID), map.getInt(ATTEMPT_NO));
        }
    }
}
