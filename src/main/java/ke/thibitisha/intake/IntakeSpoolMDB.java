package ke.thibitisha.intake;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptors;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import ke.thibitisha.paybill.Paybills;
import ke.thibitisha.paybill.Paybills.Paybill;
import ke.thibitisha.platform.EntryPointFailures;
import ke.thibitisha.platform.Settings;

import java.util.List;
import java.util.logging.Logger;

/**
 * Replays a spooled callback ({@link IntakeSpool}) through the same checks and the same group store, in the
 * message's own transaction: while the database is still down the transaction rolls back and Artemis redelivers
 * after a delay (configure.cli, never dead-lettered); a replay that finds its payment already stored is a duplicate,
 * so a replay after a crash never makes a second payment.
 */
@MessageDriven(name = "IntakeSpoolMDB", activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = IntakeSpool.QUEUE_LOOKUP),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "1")
})
public class IntakeSpoolMDB implements MessageListener {

    private static final Logger LOG = Logger.getLogger(IntakeSpoolMDB.class.getName());

    @Inject
    IntakeGroup group;
    @Inject
    Paybills paybills;
    @Inject
    Settings settings;

    @Interceptors(EntryPointFailures.class)
    @Override
    public void onMessage(Message message) {
        InboundRequest request;
        try {
            request = IntakeSpool.read(message);
        } catch (JMSException e) {
            throw new IllegalStateException("spooled callback cannot be read", e);
        }
        List<String> allowedSources = paybills.find(request.shortcode()).map(Paybill::allowedSources).orElse(List.of());
        IntakeResult result = group.store(List.of(CallbackCheck.check(request, allowedSources, settings.allowedRegions())))
                .get(0);
        LOG.info(() -> request.kind() + " callback for paybill " + request.shortcode() + " spooled while the database"
                + " was unavailable is now stored (answer " + result.status() + ")");
    }
}
