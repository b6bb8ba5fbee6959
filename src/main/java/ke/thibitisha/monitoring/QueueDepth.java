package ke.thibitisha.monitoring;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.inject.Inject;
import ke.thibitisha.payments.PaymentRepository;
import ke.thibitisha.payments.PaymentStatus;

import java.util.Enumeration;

/** How much is waiting: payments queued for a line, and dial orders in the dead-letter queue. */
@Stateless
public class QueueDepth {

    private static final int COUNT_LIMIT = 100_000;

    /** The plain in-VM factory: the pooled JmsXA one is for sending inside transactions, not for browsing. */
    @Resource(lookup = "java:/ConnectionFactory")
    ConnectionFactory connectionFactory;
    @Inject
    PaymentRepository payments;
    @Resource(lookup = "java:/jms/queue/ThibitishaCallsDLQ")
    Queue deadLetters;

    /** Payments accepted and waiting for a line (what an operator means by the queue; redials not yet due excluded). */
    public int waiting() {
        return Math.toIntExact(payments.countInStatus(PaymentStatus.QUEUED));
    }

    public int deadLettered() {
        return count(deadLetters);
    }

    private int count(Queue queue) {
        try (JMSContext jms = connectionFactory.createContext(); QueueBrowser browser = jms.createBrowser(queue)) {
            Enumeration<?> messages = browser.getEnumeration();
            int n = 0;
            while (messages.hasMoreElements() && n < COUNT_LIMIT) {
                messages.nextElement();
                n++;
            }
            return n;
        } catch (jakarta.jms.JMSException e) {
            throw new IllegalStateException("cannot browse " + queue, e);
        }
    }
}
