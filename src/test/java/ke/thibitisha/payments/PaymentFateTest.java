package ke.thibitisha.payments;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 15 defects 1 and 3: only the latest attempt decides, and a key press for it always counts. */
class PaymentFateTest {

    private static final int MAX_ATTEMPTS = 3;

    /** A payment being dialled for the given attempt. */
    static Payment dialling(int attemptNo) {
        Payment payment = new Payment(PaymentKind.STK, "stk:test", "174379", "0", 1L);
        payment.moveTo(PaymentStatus.QUEUED, "test");
        payment.setAttempts(attemptNo);
        payment.moveTo(PaymentStatus.DIALING, "test");
        return payment;
    }

    @Test
    void anOlderAttemptEndingLateDoesNotSettleTheNewerCall() {
        Payment payment = dialling(2); // an operator redialled while attempt 1's order was still queued
        assertEquals(Payment.AfterAttempt.NOTHING, payment.attemptEnded(1, AttemptStatus.COMPLETED, MAX_ATTEMPTS));
        assertEquals(Payment.AfterAttempt.NOTHING, payment.attemptEnded(1, AttemptStatus.BUSY, MAX_ATTEMPTS));
        assertEquals(Payment.AfterAttempt.NO_RESPONSE, payment.attemptEnded(2, AttemptStatus.COMPLETED, MAX_ATTEMPTS));
    }

    @Test
    void theLatestAttemptEndingDecides() {
        assertEquals(Payment.AfterAttempt.REDIAL, dialling(1).attemptEnded(1, AttemptStatus.NO_ANSWER, MAX_ATTEMPTS));
        assertEquals(Payment.AfterAttempt.UNREACHED, dialling(3).attemptEnded(3, AttemptStatus.BUSY, MAX_ATTEMPTS));
        assertEquals(Payment.AfterAttempt.NOTHING, dialling(1).attemptEnded(1, AttemptStatus.REFUSED, MAX_ATTEMPTS));
        assertEquals(Payment.AfterAttempt.NOTHING, dialling(1).attemptEnded(1, AttemptStatus.RINGING, MAX_ATTEMPTS));
    }

    @Test
    void aKeyPressAfterTheCallCompletedStillCounts() {
        Payment payment = dialling(1);
        payment.moveTo(PaymentStatus.NO_RESPONSE, "call.completed processed before the voice callback");
        assertEquals(Optional.of(PaymentStatus.ACKNOWLEDGED), payment.pressed(1, "1"));
        assertEquals(Optional.of(PaymentStatus.ESCALATED), payment.pressed(1, "2"));
    }

    @Test
    void aLaterKeyPressOnTheSameCallWins() {
        Payment payment = dialling(1);
        payment.moveTo(PaymentStatus.ACKNOWLEDGED, "pressed 1");
        assertEquals(Optional.of(PaymentStatus.ESCALATED), payment.pressed(1, "2"));
    }

    @Test
    void aKeyPressForAnOlderAttemptOrAnotherKeyDoesNotCount() {
        Payment payment = dialling(2);
        assertEquals(Optional.empty(), payment.pressed(1, "1"));
        assertEquals(Optional.empty(), payment.pressed(2, "3"));
        assertEquals(Optional.empty(), payment.pressed(2, ""));
        assertEquals(Optional.of(PaymentStatus.ACKNOWLEDGED), payment.pressed(2, "1"));
    }

    @Test
    void everyOutcomeAKeyPressCanReachIsAnAllowedMove() {
        for (PaymentStatus from : new PaymentStatus[]{PaymentStatus.DIALING, PaymentStatus.ANSWERED,
                PaymentStatus.RETRY_SCHEDULED, PaymentStatus.NO_RESPONSE, PaymentStatus.UNREACHED,
                PaymentStatus.ACKNOWLEDGED}) {
            assertEquals(true, from.canMoveTo(PaymentStatus.ESCALATED), from + " -> ESCALATED");
        }
    }

    @Test
    void onlyTheLatestAttemptsAnswerMovesADiallingPayment() {
        assertEquals(Optional.of(PaymentStatus.ANSWERED), dialling(2).answered(2));
        assertEquals(Optional.empty(), dialling(2).answered(1));
        Payment settled = dialling(1);
        settled.moveTo(PaymentStatus.ACKNOWLEDGED, "pressed 1 before call.answered arrived");
        assertEquals(Optional.empty(), settled.answered(1));
    }

    /** Issue 15 defect 2: repeated redial clicks on a stuck QUEUED payment must not order one attempt twice. */
    @Test
    void aSecondRedialOfAStuckQueuedPaymentIsRefused() {
        Payment payment = new Payment(PaymentKind.STK, "stk:test", "174379", "0", 1L);
        payment.moveTo(PaymentStatus.QUEUED, "test");
        Instant later = Instant.now().plus(Duration.ofMinutes(4));
        assertTrue(payment.mayBeRedialled(later, Duration.ofMinutes(3)), "stuck longer than the hold timeout");
        payment.redialOrdered(later);
        assertFalse(payment.mayBeRedialled(later.plusSeconds(1), Duration.ofMinutes(3)), "the order just placed is on its way");
        assertTrue(payment.mayBeRedialled(later.plus(Duration.ofMinutes(4)), Duration.ofMinutes(3)), "stuck again");
    }
}
