package ke.thibitisha.payments;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import static ke.thibitisha.payments.PaymentStatus.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every (state, event) pair of a payment, the illegal ones included: each event of {@link Payment}'s methods, in
 * each state, either moves the payment to the event's outcome (the states listed in the table below) or leaves it
 * where it was. The table is the specification, written out independently of {@link Payment}.
 */
class PaymentEventsTest {

    static final int MAX_ATTEMPTS = 3;
    static final Duration RETRY_DELAY = Duration.ofSeconds(30);
    static final Duration HOLD_TIMEOUT = Duration.ofMinutes(3);

    /** A payment in a state, and the attempt it dialled (or, before any dialling, the attempt a stray message names). */
    record Fixture(Payment payment, CallAttempt attempt) {
    }

    /** One event, and the states in which it moves the payment to {@code outcome}; in every other state it does nothing. */
    record Row(Consumer<Fixture> event, PaymentStatus outcome, Set<PaymentStatus> from) {
    }

    private static final Set<PaymentStatus> KEY_PRESS_COUNTS = EnumSet.of(DIALING, ANSWERED, RETRY_SCHEDULED,
            NO_RESPONSE, UNREACHED, ACKNOWLEDGED, ESCALATED);

    static final Map<String, Row> TABLE = new LinkedHashMap<>();

    static {
        TABLE.put("Daraja confirmed the payment", new Row(f -> f.payment().verified("paid"), QUEUED, EnumSet.of(VERIFYING)));
        TABLE.put("Daraja did not confirm it", new Row(f -> f.payment().unverified("not paid"), UNVERIFIED, EnumSet.of(VERIFYING)));
        TABLE.put("a dial order for the next attempt", new Row(f -> f.payment().dialling(f.payment().getAttempts() + 1),
                DIALING, EnumSet.of(QUEUED, RETRY_SCHEDULED)));
        TABLE.put("the voice callback answers", new Row(f -> f.payment().answered(f.attempt(), "voice callback"),
                ANSWERED, EnumSet.of(DIALING)));
        TABLE.put("call.answered", new Row(f -> f.payment().callEvent(f.attempt(), AttemptStatus.ANSWERED, "c1", null, null),
                ANSWERED, EnumSet.of(DIALING)));
        TABLE.put("the payer presses 1", new Row(f -> f.payment().pressed(f.attempt(), "1", false),
                ACKNOWLEDGED, without(KEY_PRESS_COUNTS, ACKNOWLEDGED)));
        TABLE.put("the payer presses 2", new Row(f -> f.payment().pressed(f.attempt(), "2", true),
                ESCALATED, without(KEY_PRESS_COUNTS, ESCALATED)));
        TABLE.put("the payer presses 3", new Row(f -> f.payment().pressed(f.attempt(), "3", true),
                ESCALATED, EnumSet.noneOf(PaymentStatus.class)));
        TABLE.put("a third prompt without a choice", new Row(f -> {
            for (int i = 0; i < 3; i++) {
                f.payment().prompted(f.attempt(), "");
            }
        }, NO_RESPONSE, EnumSet.of(DIALING, ANSWERED)));
        TABLE.put("the call completed", new Row(f -> ended(f, AttemptStatus.COMPLETED), NO_RESPONSE, EnumSet.of(DIALING, ANSWERED)));
        TABLE.put("the line was busy", new Row(f -> ended(f, AttemptStatus.BUSY), RETRY_SCHEDULED, EnumSet.of(DIALING, ANSWERED)));
        TABLE.put("the call was still ringing", new Row(f -> ended(f, AttemptStatus.RINGING), RETRY_SCHEDULED,
                EnumSet.noneOf(PaymentStatus.class)));
        // as before, the state machine alone decides: the dialer refuses an account only for a payment it dials
        TABLE.put("Sautikit refused the account", new Row(f -> f.payment().accountRefused(f.attempt(), "wallet empty", "wallet.insufficient_funds"),
                QUEUED, EnumSet.of(DIALING, ANSWERED, RETRY_SCHEDULED, ACKNOWLEDGED, ESCALATED, NO_RESPONSE, UNREACHED,
                        FAILED, UNDIALABLE, THROTTLED, UNVERIFIED, RECEIVED, VERIFYING)));
        TABLE.put("Sautikit refused the call", new Row(f -> f.payment().refused(f.attempt(), 422, "number.invalid"),
                FAILED, EnumSet.of(DIALING)));
        // as the state machine allows: also a payment being dialled (DIALING -> QUEUED exists for the account refusal)
        TABLE.put("an operator redials", new Row(f -> f.payment().redial("ops", Instant.now(), HOLD_TIMEOUT),
                QUEUED, EnumSet.complementOf(EnumSet.of(QUEUED, REJECTED))));
    }

    private static void ended(Fixture f, AttemptStatus status) {
        f.payment().callPolled(f.attempt(), status, null);
        f.payment().attemptEnded(f.attempt(), MAX_ATTEMPTS, RETRY_DELAY);
    }

    private static Set<PaymentStatus> without(Set<PaymentStatus> states, PaymentStatus left) {
        Set<PaymentStatus> copy = EnumSet.copyOf(states);
        copy.remove(left);
        return copy;
    }

    @Test
    void everyEventInEveryStateMovesThePaymentAsTheTableSays() {
        assertEquals(List.of(), disagreements((row, from, payment) -> {
            PaymentStatus expected = row.from().contains(from) ? row.outcome() : from;
            return payment.getStatus() == expected ? null : payment.getStatus() + ", expected " + expected;
        }));
    }

    @Test
    void everyStatusChangeIsLeftForTheAuditTrail() {
        assertEquals(List.of(), disagreements((row, from, payment) -> {
            List<Payment.Move> applied = payment.drainMoves().stream().filter(m -> !m.refused()).toList();
            PaymentStatus now = payment.getStatus();
            boolean recorded = now == from ? applied.isEmpty()
                    : !applied.isEmpty() && applied.get(applied.size() - 1).transition().getToStatus() == now;
            return recorded ? null : "moved to " + now + ", recorded " + applied;
        }));
        assertEquals(List.of(), in(DIALING).payment().drainMoves(), "drained once only");
    }

    /** What is wrong with a payment in state {@code from} after the row's event, or null. */
    interface Check {
        String problem(Row row, PaymentStatus from, Payment payment);
    }

    /** Runs every event of the table in every state. */
    private static List<String> disagreements(Check check) {
        List<String> disagreements = new ArrayList<>();
        TABLE.forEach((name, row) -> {
            for (PaymentStatus from : PaymentStatus.values()) {
                Fixture fixture = in(from);
                row.event().accept(fixture);
                String problem = check.problem(row, from, fixture.payment());
                if (problem != null) {
                    disagreements.add(name + " in " + from + ": " + problem);
                }
            }
        });
        return disagreements;
    }

    /** A payment brought to {@code status} along allowed moves; from DIALING on it has dialled attempt 1. */
    static Fixture in(PaymentStatus status) {
        Payment payment = new Payment(PaymentKind.STK, "stk:t", "174379", "0", 1L);
        payment.setPhone("+254712345678", "+254712***678");
        CallAttempt attempt = null;
        switch (status) {
            case RECEIVED -> {
            }
            case QUEUED, REJECTED, UNDIALABLE, THROTTLED, VERIFYING -> payment.moveTo(status, "path");
            case UNVERIFIED -> {
                payment.moveTo(VERIFYING, "path");
                payment.moveTo(UNVERIFIED, "path");
            }
            default -> {
                payment.moveTo(QUEUED, "path");
                attempt = payment.dialling(1).orElseThrow();
                payment.moveTo(status, "path");
            }
        }
        assertEquals(status, payment.getStatus());
        payment.drainMoves();
        return new Fixture(payment, attempt == null ? new CallAttempt(payment, 1) : attempt);
    }
}
