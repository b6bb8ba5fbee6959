package ke.thibitisha.payments;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static ke.thibitisha.payments.PaymentStatus.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Every (state, next state) pair of a payment, the refused ones included: the table below is the specification,
 * written out independently of {@link PaymentStatus}, and {@link Payment#moveTo} must agree with it on all 225 pairs.
 */
class PaymentTransitionsTest {

    private static final Map<PaymentStatus, Set<PaymentStatus>> ALLOWED = Map.ofEntries(
            Map.entry(RECEIVED, EnumSet.of(QUEUED, REJECTED, UNDIALABLE, THROTTLED, VERIFYING)),
            Map.entry(VERIFYING, EnumSet.of(QUEUED, UNVERIFIED)),
            Map.entry(QUEUED, EnumSet.of(DIALING)),
            Map.entry(DIALING, EnumSet.of(ANSWERED, RETRY_SCHEDULED, UNREACHED, FAILED, QUEUED,
                    ACKNOWLEDGED, ESCALATED, NO_RESPONSE)),
            Map.entry(ANSWERED, EnumSet.of(ACKNOWLEDGED, ESCALATED, NO_RESPONSE, RETRY_SCHEDULED, UNREACHED, QUEUED)),
            Map.entry(RETRY_SCHEDULED, EnumSet.of(DIALING, QUEUED, ACKNOWLEDGED, ESCALATED)),
            Map.entry(ACKNOWLEDGED, EnumSet.of(ESCALATED, QUEUED)),
            Map.entry(ESCALATED, EnumSet.of(ACKNOWLEDGED, QUEUED)),
            Map.entry(NO_RESPONSE, EnumSet.of(ACKNOWLEDGED, ESCALATED, QUEUED)),
            Map.entry(UNREACHED, EnumSet.of(QUEUED, ACKNOWLEDGED, ESCALATED)),
            Map.entry(FAILED, EnumSet.of(QUEUED)),
            Map.entry(REJECTED, EnumSet.noneOf(PaymentStatus.class)),
            Map.entry(UNDIALABLE, EnumSet.of(QUEUED)),
            Map.entry(THROTTLED, EnumSet.of(QUEUED)),
            Map.entry(UNVERIFIED, EnumSet.of(QUEUED)));

    @Test
    void everyPairIsAllowedOrRefusedAsTheTableSays() {
        assertEquals(EnumSet.allOf(PaymentStatus.class), ALLOWED.keySet(), "the table names every state");
        List<String> disagreements = new ArrayList<>();
        for (PaymentStatus from : PaymentStatus.values()) {
            for (PaymentStatus to : PaymentStatus.values()) {
                if (from == to) {
                    continue;
                }
                Payment payment = in(from);
                PaymentTransition transition = payment.moveTo(to, "test");
                boolean allowed = ALLOWED.get(from).contains(to);
                if (allowed != (transition != null) || payment.getStatus() != (allowed ? to : from)) {
                    disagreements.add(from + " -> " + to + (allowed ? " refused" : " applied"));
                }
            }
        }
        assertEquals(List.of(), disagreements);
    }

    @Test
    void aMoveToTheSameStateIsNoTransition() {
        for (PaymentStatus status : PaymentStatus.values()) {
            assertNull(in(status).moveTo(status, "again"), status.name());
        }
    }

    @Test
    void anAppliedMoveIsRecordedWithItsCause() {
        Payment payment = in(DIALING);
        assertNotNull(payment.moveTo(ANSWERED, "call answered"));
        assertEquals("call answered", payment.getStatusReason());
    }

    /** A payment brought to {@code status} along allowed moves (a path through the table). */
    static Payment in(PaymentStatus status) {
        Payment payment = new Payment(PaymentKind.STK, "stk:t", "174379", "0", 1L);
        List<PaymentStatus> path = switch (status) {
            case RECEIVED -> List.of();
            case QUEUED, REJECTED, UNDIALABLE, THROTTLED, VERIFYING -> List.of(status);
            case UNVERIFIED -> List.of(VERIFYING, UNVERIFIED);
            case DIALING -> List.of(QUEUED, DIALING);
            default -> List.of(QUEUED, DIALING, status);
        };
        for (PaymentStatus step : path) {
            assertNotNull(payment.moveTo(step, "path"), "path to " + status + " via " + step);
        }
        assertEquals(status, payment.getStatus());
        return payment;
    }
}
