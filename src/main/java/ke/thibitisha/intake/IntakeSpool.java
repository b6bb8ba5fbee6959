package ke.thibitisha.intake;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.BytesMessage;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.Queue;

import java.time.Instant;
import java.util.List;

/**
 * Contract §2 rule 6, database unavailable: the raw callback is kept on an Artemis queue of its own (persistent,
 * journalled before the send returns, independent of the database), then answered; {@link IntakeSpoolMDB}
 * replays it through the same rules when the database is back.
 */
@ApplicationScoped
public class IntakeSpool {

    static final String QUEUE_LOOKUP = "java:/jms/queue/ThibitishaIntakeSpool";

    @Resource(lookup = "java:/ConnectionFactory")
    ConnectionFactory connectionFactory;
    @Resource(lookup = QUEUE_LOOKUP)
    Queue queue;

    /**
     * Keeps the callbacks in one broker transaction: one journal write for a whole group, where a send each took
     * a write each (a group of 256 took 8 s to spool while callbacks queued behind it, measured in the dbdown drill).
     *
     * @return whether all of them are now kept durably; {@code false} (none kept) when the broker refused them
     */
    boolean keep(List<InboundRequest> requests) {
        try (JMSContext jms = connectionFactory.createContext(JMSContext.SESSION_TRANSACTED)) {
            JMSProducer producer = jms.createProducer();
            for (InboundRequest request : requests) {
                producer.send(queue, message(jms, request));
            }
            jms.commit();
            return true;
        } catch (JMSException | JMSRuntimeException e) {
            return false;
        }
    }

    private static BytesMessage message(JMSContext jms, InboundRequest request) throws JMSException {
        BytesMessage message = jms.createBytesMessage();
        message.setStringProperty("kind", request.kind().name());
        message.setStringProperty("shortcode", request.shortcode());
        message.setStringProperty("sourceIp", request.sourceIp());
        message.setStringProperty("contentType", request.contentType());
        message.setStringProperty("headers", request.headers());
        message.setBooleanProperty("bodyTruncated", request.bodyTruncated());
        message.setLongProperty("receivedAt", request.receivedAt().toEpochMilli());
        message.writeBytes(request.body());
        return message;
    }

    static InboundRequest read(Message message) throws JMSException {
        BytesMessage bytes = (BytesMessage) message;
        byte[] body = new byte[(int) bytes.getBodyLength()];
        bytes.readBytes(body);
        return new InboundRequest(CallbackKind.valueOf(bytes.getStringProperty("kind")),
                bytes.getStringProperty("shortcode"), bytes.getStringProperty("sourceIp"),
                bytes.getStringProperty("contentType"), bytes.getStringProperty("headers"), body,
                bytes.getBooleanProperty("bodyTruncated"), Instant.ofEpochMilli(bytes.getLongProperty("receivedAt")));
    }
}
