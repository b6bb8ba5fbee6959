package ke.thibitisha.events;

import jakarta.ejb.ApplicationException;

/**
 * An event that may be for one of our calls arrived before that call's id was stored. Nothing is recorded: the
 * events endpoint answers 503 and Sautikit delivers the event again (contract §4).
 */
@ApplicationException(rollback = true)
public class CallNotRecordedYet extends RuntimeException {

    public CallNotRecordedYet(SautikitEvent event) {
        super("event " + event.eventId() + " " + event.kind() + " for a call not recorded yet");
    }
}
