package ke.thibitisha.ops;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import ke.thibitisha.audit.AuditTrail;
import ke.thibitisha.audit.OperatorAction;

import java.util.logging.Logger;

/**
 * Puts every dial order in the dead-letter queue back on the dial queue, in one transaction (the same as
 * the CLI's {@code move-messages}, for operators who only have the HTTP API).
 */
@Stateless
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class.getName());
    private static final int MAX_PER_CALL = 10_000;

    @Inject
    JMSContext jms;
    @Resource(lookup = "java:/jms/queue/ThibitishaCalls")
    Queue calls;
    @Resource(lookup = "java:/jms/queue/ThibitishaCallsDLQ")
    Queue deadLetters;
    @Inject
    AuditTrail audit;

    public int redialAll(String operator) {
        int moved = 0;
        try (JMSConsumer consumer = jms.createConsumer(deadLetters)) {
            Message message;
            while (moved < MAX_PER_CALL && (message = consumer.receiveNoWait()) != null) {
                jms.createProducer().send(calls, message);
                moved++;
            }
        }
        int total = moved;
        audit.record(OperatorAction.DEAD_LETTERS_REDIAL, AuditTrail.DEAD_LETTER_QUEUE, "ThibitishaCallsDLQ", null,
                moved + " dial orders moved back to the dial queue");
        LOG.info(() -> total + " dial orders moved from the dead-letter queue back to the dial queue by " + operator);
        return moved;
    }
}
