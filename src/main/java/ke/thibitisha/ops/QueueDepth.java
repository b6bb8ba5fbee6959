package ke.thibitisha.ops;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;

import java.util.Enumeration;

/** Counts messages waiting on the dial queue and its dead-letter queue (scheduled redials are not visible). */
@ApplicationScoped
public class QueueDepth {

    private static final int COUNT_LIMIT = 100_000;

    /** The plain in-VM factory: the pooled JmsXA one is for sending inside transactions, not for browsing. */
    @Resource(lookup = "java:/ConnectionFactory")
    ConnectionFactory connectionFactory;
    @Resource(lookup = "java:/jms/queue/ThibitishaCalls")
    Queue calls;
    @Resource(lookup = "java:/jms/queue/ThibitishaCallsDLQ")
    Queue deadLetters;

    public int waiting() {
        return count(calls);
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
