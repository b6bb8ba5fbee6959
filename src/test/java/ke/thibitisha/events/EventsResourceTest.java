package ke.thibitisha.events;

import jakarta.ejb.EJBException;
import jakarta.persistence.PersistenceException;
import ke.thibitisha.dialer.CallEndSignal;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 15 defect 4, contract §4: the events endpoint answers 200 only once an event's effect is committed (or it
 * was a duplicate); an event it could not apply answers 503, so that Sautikit delivers it again.
 */
class EventsResourceTest {

    @Test
    void aDatabaseFailureAnswers503() {
        assertEquals(503, deliver(() -> {
            throw new EJBException(new PersistenceException("connection refused"));
        }, false));
    }

    @Test
    void aDatabaseThatCannotEvenSayWhetherTheEventWasSeenAnswers503() {
        EventService broken = new EventService() {
            @Override
            public Optional<Ended> apply(SautikitEvent event) {
                throw new EJBException(new PersistenceException("connection refused"));
            }

            @Override
            public boolean alreadyApplied(String eventId) {
                throw new EJBException(new PersistenceException("connection refused"));
            }
        };
        assertEquals(503, resource(broken).apply(event()));
    }

    @Test
    void aConcurrentDuplicateThatWonAnswers200() {
        assertEquals(200, deliver(() -> {
            throw new EJBException(new PersistenceException("duplicate key call_event.event_id"));
        }, true));
    }

    @Test
    void anEventBeforeItsCallIsRecordedAnswers503() {
        assertEquals(503, deliver(() -> {
            throw new CallNotRecordedYet(event());
        }, false));
    }

    @Test
    void anAppliedEventAnswers200() {
        assertEquals(200, deliver(Optional::empty, false));
    }

    private static int deliver(Supplier<Optional<EventService.Ended>> outcome, boolean seenBefore) {
        EventService events = new EventService() {
            @Override
            public Optional<Ended> apply(SautikitEvent event) {
                return outcome.get();
            }

            @Override
            public boolean alreadyApplied(String eventId) {
                return seenBefore;
            }
        };
        return resource(events).apply(event());
    }

    private static EventsResource resource(EventService events) {
        EventsResource resource = new EventsResource();
        resource.events = events;
        resource.callEnds = new CallEndSignal();
        return resource;
    }

    private static SautikitEvent event() {
        return SautikitEvent.parse(body().getBytes(StandardCharsets.UTF_8));
    }

    private static String body() {
        return "{\"kind\":\"call.completed\",\"event_id\":\"evt-1\",\"workspace_id\":\"ws\",\"occurred_at\":\"2026-12-01T10:00:00Z\","
                + "\"data\":{\"call_id\":\"c-1\",\"status\":\"completed\"}}";
    }
}
