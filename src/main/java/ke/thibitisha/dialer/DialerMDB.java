package ke.thibitisha.dialer;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptors;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import ke.thibitisha.platform.EntryPointFailures;

/**
 * Takes dial orders off the queue. Its concurrency is the cap on calls in flight: {@code maxSession} and
 * the strict bean pool {@code thibitisha-dialer-pool} are both set from {@code DIALER_MAX_CONCURRENT_CALLS}
 * (WEB-INF/jboss-ejb3.xml, wildfly-config/configure.cli), and each instance is busy until its call ends.
 * No transaction: a call may ring for minutes, far past any sensible transaction timeout.
 */
@MessageDriven(name = "DialerMDB", activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = DialQueue.QUEUE_LOOKUP),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "acknowledgeMode", propertyValue = "Auto-acknowledge")
})
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DialerMDB implements MessageListener {

    @Inject
    CallPlacer placer;

    @Interceptors(EntryPointFailures.class)
    @Override
    public void onMessage(Message message) {
        DialQueue.Order order;
        try {
            order = DialQueue.Order.of(message);
        } catch (JMSException | ClassCastException e) {
            // a message we cannot read is poison: let redelivery move it to the dead-letter queue
            throw new IllegalArgumentException("unreadable dial message " + message, e);
        }
        placer.dial(order.paymentId(), order.attemptNo());
    }
}
