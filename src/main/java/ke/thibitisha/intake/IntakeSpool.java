package ke.thibitisha.intake;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.BytesMessage;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.Queue;

import java.time.Instant;

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

    /** @return whether the callback is now kept durably; {@code false} when even the broker refused it */
    boolean keep(InboundRequest request) {
        try (JMSContext jms = connectionFactory.createContext(JMSContext.AUTO_ACKNOWLEDGE)) {
            BytesMessage message = jms.createBytesMessage();
            message.setStringProperty("kind", request.kind().name());
            message.setStringProperty("shortcode", request.shortcode());
            message.setStringProperty("sourceIp", request.sourceIp());
            message.setStringProperty("contentType", request.contentType());
            message.setStringProperty("headers", request.headers());
            message.setBooleanProperty("bodyTruncated", request.bodyTruncated());
            message.setLongProperty("receivedAt", request.receivedAt().toEpochMilli());
            message.writeBytes(request.body());
            jms.createProducer().send(queue, message);
            return true;
        } catch (JMSException | JMSRuntimeException e) {
            return false;
        }
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
