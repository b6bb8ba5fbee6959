package ke.thibitisha.events;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A Sautikit event we have seen, by {@code event_id}: the record that makes a redelivery a no-op. */
@Entity
@Table(name = "call_event")
public class CallEvent {

    @Id
    @Column(name = "event_id")
    private String eventId;
    private String kind;
    @Column(name = "call_id")
    private String callId;
    @Column(name = "attempt_id")
    private Long attemptId;
    @Column(name = "received_at")
    private Instant receivedAt;
    private String effect;

    protected CallEvent() {
    }

    CallEvent(SautikitEvent event, Long attemptId, String effect) {
        this.eventId = event.eventId();
        this.kind = event.kind();
        this.callId = event.callId();
        this.attemptId = attemptId;
        this.receivedAt = Instant.now();
        this.effect = effect.length() > 255 ? effect.substring(0, 255) : effect;
    }
}
