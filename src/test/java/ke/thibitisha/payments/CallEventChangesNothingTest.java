package ke.thibitisha.payments;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link Payment#callEventChangesNothing} lets the events endpoint skip the lock and the write: it must say "nothing"
 * exactly when {@link Payment#callEvent} would change nothing, for every attempt status, every event status, with and
 * without known Sautikit ids, with and without a call id in the event.
 */
class CallEventChangesNothingTest {

    private record Case(AttemptStatus now, AttemptStatus event, boolean idsKnown, String callId) {
    }

    @Test
    void saysNothingExactlyWhenTheEventWouldChangeNothing() {
        List<String> disagreements = new ArrayList<>();
        for (Case c : cases()) {
            PaymentEventsTest.Fixture fixture = dialling(c);
            CallAttempt attempt = fixture.attempt();
            Payment payment = fixture.payment();
            boolean predicted = Payment.callEventChangesNothing(attempt, c.event(), c.callId());
            String before = snapshot(attempt);
            PaymentStatus paymentBefore = payment.getStatus();
            payment.callEvent(attempt, c.event(), c.callId(), null, null);
            boolean changedNothing = before.equals(snapshot(attempt)) && payment.getStatus() == paymentBefore;
            if (predicted != changedNothing) {
                disagreements.add(c + ": predicted " + predicted + ", changed nothing " + changedNothing);
            }
        }
        assertEquals(List.of(), disagreements);
    }

    @Test
    void anEventThatMovesTheAttemptOrTeachesItsIdsIsNeverSkipped() {
        CallAttempt requested = dialling(new Case(AttemptStatus.REQUESTED, AttemptStatus.COMPLETED, true, "c9")).attempt();
        assertFalse(Payment.callEventChangesNothing(requested, AttemptStatus.COMPLETED, "c9"));
        CallAttempt answeredWithoutIds = dialling(new Case(AttemptStatus.ANSWERED, AttemptStatus.RINGING, false, "c9")).attempt();
        assertFalse(Payment.callEventChangesNothing(answeredWithoutIds, AttemptStatus.RINGING, "c9"));
        CallAttempt answered = dialling(new Case(AttemptStatus.ANSWERED, AttemptStatus.RINGING, true, "c9")).attempt();
        assertTrue(Payment.callEventChangesNothing(answered, AttemptStatus.RINGING, "c9"));
    }

    private static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        for (AttemptStatus now : AttemptStatus.values()) {
            for (AttemptStatus event : AttemptStatus.values()) {
                for (boolean idsKnown : new boolean[]{true, false}) {
                    for (String callId : new String[]{"c9", null}) {
                        cases.add(new Case(now, event, idsKnown, callId));
                    }
                }
            }
        }
        return cases;
    }

    /** A payment being dialled, its attempt brought forward to {@code c.now()}. */
    private static PaymentEventsTest.Fixture dialling(Case c) {
        PaymentEventsTest.Fixture fixture = PaymentEventsTest.in(PaymentStatus.DIALING);
        CallAttempt attempt = fixture.attempt();
        if (c.now() != AttemptStatus.REQUESTED) {
            attempt.advanceTo(c.now());
        }
        if (c.idsKnown()) {
            attempt.setSautikitIds("c1", "s1");
        }
        return fixture;
    }

    private static String snapshot(CallAttempt attempt) {
        return attempt.getStatus() + " " + attempt.getCallId() + " " + attempt.getSessionId() + " "
                + attempt.getAnsweredAt() + " " + attempt.getEndedAt() + " " + attempt.getDurationSeconds() + " "
                + attempt.getFailureReason();
    }
}
