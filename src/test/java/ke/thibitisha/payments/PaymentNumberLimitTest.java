package ke.thibitisha.payments;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Contract §2 rule 13 counts a number's payments by the indexed counted phone, which the payment keeps with its
 * status: set while it is dialled or on its way to it, cleared when it will not be dialled.
 */
class PaymentNumberLimitTest {

    private static final String PHONE = "+254708374149";

    private static Payment received() {
        Payment payment = new Payment(PaymentKind.STK, "stk:limit", "174379", "0", 1L);
        payment.setPhone(PHONE, "+2547****4149");
        return payment;
    }

    @Test
    void aReceivedPaymentDoesNotCountYet() {
        assertNull(received().countedPhone());
    }

    @Test
    void aPaymentCountsFromTheQueueToItsOutcome() {
        Payment payment = received();
        payment.moveTo(PaymentStatus.QUEUED, "test");
        assertEquals(PHONE, payment.countedPhone());
        payment.moveTo(PaymentStatus.DIALING, "test");
        payment.moveTo(PaymentStatus.NO_RESPONSE, "test");
        assertEquals(PHONE, payment.countedPhone(), "a dialled payment keeps counting once it has ended");
    }

    @Test
    void aPaymentThatWillNotBeDialledStopsCounting() {
        Payment payment = received();
        payment.moveTo(PaymentStatus.VERIFYING, "test");
        assertEquals(PHONE, payment.countedPhone(), "on its way to a call");
        payment.moveTo(PaymentStatus.UNVERIFIED, "Daraja says it was not paid");
        assertNull(payment.countedPhone());
    }

    @Test
    void anOperatorsRedialOfAThrottledPaymentCounts() {
        Payment payment = received();
        payment.moveTo(PaymentStatus.THROTTLED, "test");
        assertNull(payment.countedPhone());
        payment.moveTo(PaymentStatus.QUEUED, "redialled by an operator");
        assertEquals(PHONE, payment.countedPhone());
    }

    @Test
    void everyStateThatIsNeverDialledIsLeftOut() {
        for (PaymentStatus status : PaymentStatus.values()) {
            boolean neverDialled = switch (status) {
                case RECEIVED, REJECTED, UNDIALABLE, THROTTLED, UNVERIFIED -> true;
                default -> false;
            };
            assertEquals(!neverDialled, status.countsTowardNumberLimit(), status.name());
        }
    }
}
