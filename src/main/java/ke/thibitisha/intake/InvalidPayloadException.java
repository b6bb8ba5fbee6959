package ke.thibitisha.intake;

/** The payload is structurally wrong; the message names the field and is safe to send back to Daraja. */
public class InvalidPayloadException extends Exception {
    public InvalidPayloadException(String message) {
        super(message);
    }
}
