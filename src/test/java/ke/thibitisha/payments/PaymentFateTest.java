package ke.thibitisha.payments;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 15 defects 1, 2 and 3: only the latest attempt decides, a key press for it always counts, one order per attempt. */
class PaymentFateTest {

    private static final int MAX_ATTEMPTS = 3;
    private static final Duration RETRY_DELAY = Duration.ofSeconds(30);
    private static final Duration HOLD_TIMEOUT = Duration.ofMinutes(3);

    private static Payment queued() {
        Payment payment = new Payment(PaymentKind.STK, "stk:test", "174379", "0", 1L);
        payment.setPhone("+254712345678", "+254712***678");
        payment.moveTo(PaymentStatus.QUEUED, "test");
        return payment;
    }

    /** The attempt's call ended with {@code status}; what that means for the payment. */
    private static Payment.AfterAttempt end(Payment payment, CallAttempt attempt, AttemptStatus status) {
        payment.callPolled(attempt, status, null);
        return payment.attemptEnded(attempt, MAX_ATTEMPTS, RETRY_DELAY);
    }

    @Test
    void anOlderAttemptEndingLateDoesNotSettleTheNewerCall() {
        Payment payment = queued();
        CallAttempt first = payment.dialling(1).orElseThrow();
        // an operator redialled while attempt 1's order was still queued (the wallet was empty, say)
        assertEquals(2, payment.redial("ops", Instant.now(), HOLD_TIMEOUT).order().orElseThrow().attemptNo());
        CallAttempt second = payment.dialling(2).orElseThrow();
        assertEquals(Payment.AfterAttempt.NOTHING, end(payment, first, AttemptStatus.COMPLETED));
        assertEquals(PaymentStatus.DIALING, payment.getStatus());
        assertEquals(Payment.AfterAttempt.NO_RESPONSE, end(payment, second, AttemptStatus.COMPLETED));
        assertEquals(PaymentStatus.NO_RESPONSE, payment.getStatus());
    }

    @Test
    void theLatestAttemptEndingDecides() {
        Payment payment = queued();
        assertEquals(Payment.AfterAttempt.REDIAL, end(payment, payment.dialling(1).orElseThrow(), AttemptStatus.NO_ANSWER));
        assertEquals(PaymentStatus.RETRY_SCHEDULED, payment.getStatus());
        assertEquals(2, payment.redialAfter(RETRY_DELAY).attemptNo());
        assertEquals(Payment.AfterAttempt.REDIAL, end(payment, payment.dialling(2).orElseThrow(), AttemptStatus.FAILED));
        assertEquals(Payment.AfterAttempt.UNREACHED, end(payment, payment.dialling(3).orElseThrow(), AttemptStatus.BUSY));
        assertEquals(PaymentStatus.UNREACHED, payment.getStatus());
    }

    @Test
    void aRefusedOrUnendedAttemptSettlesNothing() {
        Payment payment = queued();
        CallAttempt attempt = payment.dialling(1).orElseThrow();
        assertEquals(Payment.AfterAttempt.NOTHING, end(payment, attempt, AttemptStatus.RINGING));
        payment.refused(attempt, 422, "number.invalid");
        assertEquals(Payment.AfterAttempt.NOTHING, payment.attemptEnded(attempt, MAX_ATTEMPTS, RETRY_DELAY));
        assertEquals(PaymentStatus.FAILED, payment.getStatus());
    }

    @Test
    void aKeyPressAfterTheCallCompletedStillCounts() {
        Payment payment = queued();
        CallAttempt attempt = payment.dialling(1).orElseThrow();
        end(payment, attempt, AttemptStatus.COMPLETED); // call.completed processed before the voice callback
        assertEquals(PaymentStatus.NO_RESPONSE, payment.getStatus());
        assertEquals(Optional.of(PaymentStatus.ACKNOWLEDGED), payment.pressed(attempt, "1", false));
        assertEquals(PaymentStatus.ACKNOWLEDGED, payment.getStatus());
        assertEquals("1", attempt.getDigits());
    }

    @Test
    void aLaterKeyPressOnTheSameCallWins() {
        Payment payment = queued();
        CallAttempt attempt = payment.dialling(1).orElseThrow();
        payment.pressed(attempt, "1", false);
        assertEquals(Optional.of(PaymentStatus.ESCALATED), payment.pressed(attempt, "2", true));
        assertEquals(PaymentStatus.ESCALATED, payment.getStatus());
        assertTrue(payment.getStatusReason().endsWith("dialling the agent"), payment.getStatusReason());
    }

    @Test
    void aKeyPressForAnOlderAttemptOrAnotherKeyDoesNotCount() {
        Payment payment = queued();
        CallAttempt first = payment.dialling(1).orElseThrow();
        payment.redial("ops", Instant.now(), HOLD_TIMEOUT);
        CallAttempt second = payment.dialling(2).orElseThrow();
        assertEquals(Optional.empty(), payment.pressed(first, "1", false));
        assertEquals(Optional.empty(), payment.pressed(second, "3", false));
        assertEquals(Optional.empty(), payment.pressed(second, "", false));
        assertEquals(PaymentStatus.DIALING, payment.getStatus());
        assertEquals(Optional.of(PaymentStatus.ACKNOWLEDGED), payment.pressed(second, "1", false));
    }

    @Test
    void onlyTheLatestAttemptsAnswerMovesADiallingPayment() {
        Payment payment = queued();
        CallAttempt first = payment.dialling(1).orElseThrow();
        payment.redial("ops", Instant.now(), HOLD_TIMEOUT);
        CallAttempt second = payment.dialling(2).orElseThrow();
        assertTrue(payment.answered(first, "late answer of attempt 1"));
        assertEquals(PaymentStatus.DIALING, payment.getStatus());
        assertTrue(payment.answered(second, "answered"));
        assertEquals(PaymentStatus.ANSWERED, payment.getStatus());
    }

    @Test
    void thePromptIsPlayedTwiceThenTheCallEndsWithoutAChoice() {
        Payment payment = queued();
        CallAttempt attempt = payment.dialling(1).orElseThrow();
        payment.answered(attempt, "answered");
        assertEquals(Payment.Prompt.FIRST_PLAY, payment.prompted(attempt, ""));
        assertEquals(Payment.Prompt.REPEAT, payment.prompted(attempt, "7"));
        assertEquals(PaymentStatus.ANSWERED, payment.getStatus());
        assertEquals(Payment.Prompt.GIVE_UP, payment.prompted(attempt, "7"));
        assertEquals(PaymentStatus.NO_RESPONSE, payment.getStatus());
        assertTrue(payment.callIsOver(attempt));
    }

    /** Issue 15 defect 2: an attempt that an operator's redial superseded before it was placed is never placed. */
    @Test
    void aSupersededAttemptIsCanceledNotResumed() {
        Payment payment = queued();
        CallAttempt first = payment.dialling(1).orElseThrow();
        payment.accountRefused(first, "wallet empty", "wallet.insufficient_funds"); // first stays REQUESTED, unplaced
        payment.redial("ops", Instant.now().plus(HOLD_TIMEOUT).plusSeconds(1), HOLD_TIMEOUT);
        payment.dialling(2).orElseThrow();
        assertEquals(Payment.Resumed.SUPERSEDED, payment.resume(first));
        assertEquals(AttemptStatus.CANCELED, first.getStatus());
        assertEquals(Payment.Resumed.ALREADY_ENDED, payment.resume(first));
    }

    @Test
    void anAttemptPausedByTheAccountIsResumedWithAFreshKey() {
        Payment payment = queued();
        CallAttempt attempt = payment.dialling(1).orElseThrow();
        String key = attempt.getIdempotencyKey();
        payment.accountRefused(attempt, "wallet empty", "wallet.insufficient_funds");
        payment.accountRefused(attempt, "wallet empty", "wallet.insufficient_funds");
        assertEquals(key + "-w2", attempt.getIdempotencyKey());
        assertEquals(PaymentStatus.QUEUED, payment.getStatus());
        assertEquals(Payment.Resumed.RESUMED, payment.resume(attempt));
        assertEquals(PaymentStatus.DIALING, payment.getStatus());
    }

    /** Issue 15 defect 2: repeated redial clicks on a stuck QUEUED payment must not order one attempt twice. */
    @Test
    void aSecondRedialOfAStuckQueuedPaymentIsRefused() {
        Payment payment = queued();
        Instant later = Instant.now().plus(Duration.ofMinutes(4));
        assertEquals(1, payment.redial("ops", later, HOLD_TIMEOUT).order().orElseThrow().attemptNo(),
                "stuck longer than the hold timeout");
        assertTrue(payment.redial("ops", later.plusSeconds(1), HOLD_TIMEOUT).refusal().isPresent(),
                "the order just placed is on its way");
        assertTrue(payment.redial("ops", later.plus(Duration.ofMinutes(4)), HOLD_TIMEOUT).order().isPresent(), "stuck again");
    }

    @Test
    void aPaymentWithoutANumberIsNeverRedialled() {
        Payment payment = new Payment(PaymentKind.STK, "stk:test", "174379", "0", 1L);
        payment.moveTo(PaymentStatus.UNDIALABLE, "no number");
        assertTrue(payment.redial("ops", Instant.now(), HOLD_TIMEOUT).refusal().orElseThrow().contains("no number"));
        assertEquals(PaymentStatus.UNDIALABLE, payment.getStatus());
    }
}
