package ke.thibitisha.dialer;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

import java.util.logging.Logger;

/**
 * Every node listens to {@link CallEndSignal}'s topic (a non-durable subscription each: unlike the dialer, this
 * bean is not a clustered singleton) and wakes its own dialer thread, if it holds the attempt.
 */
@MessageDriven(name = "CallEndListener", activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = CallEndSignal.TOPIC_LOOKUP),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Topic"),
        @ActivationConfigProperty(propertyName = "acknowledgeMode", propertyValue = "Auto-acknowledge"),
        // one subscriber per node is plenty (the work is a map look-up), and keeps the broker's client threads free
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "1")
})
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class CallEndListener implements MessageListener {

    private static final Logger LOG = Logger.getLogger(CallEndListener.class.getName());

    @Inject
    CallCompletions completions;

    @Override
    public void onMessage(Message message) {
        try {
            CallEndSignal.End end = CallEndSignal.End.of(message);
            completions.completed(end.attemptId(), end.status());
        } catch (JMSException | RuntimeException e) {
            // a wake-up we cannot read is only a lost shortcut: the dialer polls the call's status anyway
            LOG.warning(() -> "unreadable call-end message ignored: " + e);
        }
    }
}
