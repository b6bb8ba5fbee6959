package ke.thibitisha.verification;

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
 * Takes verification orders off their queue. Its sessions and bean pool ({@code DARAJA_VERIFY_CONCURRENCY},
 * WEB-INF/jboss-ejb3.xml and wildfly-config/configure.cli) are its own, apart from the dialer's: verifying never
 * holds a call slot. No transaction: Daraja is asked outside one, and the decision is committed in its own.
 */
@MessageDriven(name = "VerifierMDB", activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = VerificationQueue.QUEUE_LOOKUP),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "acknowledgeMode", propertyValue = "Auto-acknowledge")
})
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class VerifierMDB implements MessageListener {

    @Inject
    Verifier verifier;

    @Interceptors(EntryPointFailures.class)
    @Override
    public void onMessage(Message message) {
        VerificationQueue.Order order;
        try {
            order = VerificationQueue.Order.of(message);
        } catch (JMSException | ClassCastException e) {
            // a message we cannot read is poison: let redelivery move it to the dead-letter queue
            throw new IllegalArgumentException("unreadable verification message " + message, e);
        }
        verifier.verify(order);
    }
}
