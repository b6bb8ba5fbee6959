package ke.thibitisha.dialer;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.Topic;
import ke.thibitisha.payments.AttemptStatus;

import java.util.logging.Logger;

/**
 * Tells every node of the cluster that a call ended, so the dialer thread holding its slot (on whichever node)
 * lets go at once: this node's at once, the others through the topic {@code ThibitishaCallEnds}. Announced once
 * the transaction that recorded the terminal status has committed, so a wake-up exists only for a committed end,
 * and outside it, so that recording an end stays a one-phase commit of the database alone. Not persistent: a
 * lost wake-up costs one status poll, nothing more.
 */
@ApplicationScoped
public class CallEndSignal {

    private static final Logger LOG = Logger.getLogger(CallEndSignal.class.getName());
    static final String TOPIC_LOOKUP = "java:/jms/topic/ThibitishaCallEnds";
    private static final String ATTEMPT_ID = "attemptId";
    private static final String STATUS = "status";
    private static final long TIME_TO_LIVE_MS = 60_000;

    @Inject
    JMSContext jms;
    @Resource(lookup = TOPIC_LOOKUP)
    Topic topic;

    @Inject
    CallCompletions completions;

    /** Call with no transaction active, after the one that recorded the end has committed. */
    public void announce(long attemptId, AttemptStatus status) {
        completions.completed(attemptId, status);
        try {
            publish(attemptId, status);
        } catch (RuntimeException e) {
            LOG.warning(() -> "end of attempt " + attemptId + " not announced to the other nodes (" + e
                    + "); a dialer there lets go at its next status poll");
        }
    }

    /** Tells every node through the topic, this one too (its {@link CallEndListener}). */
    public void publish(long attemptId, AttemptStatus status) {
        MapMessage message = jms.createMapMessage();
        try {
            message.setLong(ATTEMPT_ID, attemptId);
            message.setString(STATUS, status.name());
        } catch (JMSException e) {
            throw new IllegalStateException("cannot build the call-end message", e);
        }
        jms.createProducer().setDeliveryMode(DeliveryMode.NON_PERSISTENT).setTimeToLive(TIME_TO_LIVE_MS)
                .send(topic, message);
    }

    /** The attempt and status a call-end message names. */
    record End(long attemptId, AttemptStatus status) {
        static End of(Message message) throws JMSException {
            MapMessage map = (MapMessage) message;
            return new End(map.getLong(ATTEMPT_ID), AttemptStatus.valueOf(map.getString(STATUS)));
        }
    }
}
