package ke.thibitisha.payments;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Where a payment stands. The allowed moves are explicit: a move that is not in {@link #canMoveTo}
 * is refused and logged by {@link Payment#moveTo}, never applied.
 *
 * <pre>
 * RECEIVED ─▶ QUEUED ─▶ DIALING ─▶ ANSWERED ─▶ ACKNOWLEDGED | ESCALATED | NO_RESPONSE
 *                          │  ▲        (busy, no answer, failed, canceled, hold timeout)
 *                          ▼  │
 *                    RETRY_SCHEDULED ──(attempts used up)──▶ UNREACHED
 *            DIALING ─(Sautikit 4xx)─▶ FAILED
 * REJECTED (M-Pesa said the payment failed) and UNDIALABLE (no number we may call): never dialled.
 * THROTTLED (the number had DIALER_MAX_CALLS_PER_NUMBER payments dialled in 24 h, contract §2 rule 13): never dialled.
 * Any final state but REJECTED ─(ops redial)─▶ QUEUED; so is a payment stuck longer than the hold timeout.
 * RECEIVED ─▶ VERIFYING ─(Daraja STK Push Query: paid)─▶ QUEUED, or ─(not paid, or no answer in time)─▶ UNVERIFIED.
 * </pre>
 */
public enum PaymentStatus {
    RECEIVED, QUEUED, DIALING, ANSWERED, RETRY_SCHEDULED,
    ACKNOWLEDGED, ESCALATED, NO_RESPONSE, UNREACHED, FAILED, REJECTED, UNDIALABLE,
    THROTTLED,
    VERIFYING, UNVERIFIED;

    private static final Set<PaymentStatus> FINAL = EnumSet.of(
            ACKNOWLEDGED, ESCALATED, NO_RESPONSE, UNREACHED, FAILED, REJECTED, UNDIALABLE, THROTTLED, UNVERIFIED);

    private static final Map<PaymentStatus, Set<PaymentStatus>> MOVES = Map.ofEntries(
            Map.entry(RECEIVED, EnumSet.of(QUEUED, REJECTED, UNDIALABLE, THROTTLED, VERIFYING)),
            Map.entry(QUEUED, EnumSet.of(DIALING)),
            Map.entry(DIALING, EnumSet.of(ANSWERED, RETRY_SCHEDULED, UNREACHED, FAILED, QUEUED,
                    ACKNOWLEDGED, ESCALATED, NO_RESPONSE)),
            // ANSWERED -> QUEUED only by an operator's redial of a payment stuck longer than a call can last
            Map.entry(ANSWERED, EnumSet.of(ACKNOWLEDGED, ESCALATED, NO_RESPONSE, RETRY_SCHEDULED, UNREACHED, QUEUED)),
            // ACKNOWLEDGED / ESCALATED: a key press for the latest attempt that reached us after its end (contract §4)
            Map.entry(RETRY_SCHEDULED, EnumSet.of(DIALING, QUEUED, ACKNOWLEDGED, ESCALATED)),
            // A payer may press 2 after pressing 1 on a repeated prompt: the last choice wins.
            Map.entry(ACKNOWLEDGED, EnumSet.of(ESCALATED, QUEUED)),
            Map.entry(ESCALATED, EnumSet.of(ACKNOWLEDGED, QUEUED)),
            Map.entry(NO_RESPONSE, EnumSet.of(ACKNOWLEDGED, ESCALATED, QUEUED)),
            Map.entry(UNREACHED, EnumSet.of(QUEUED, ACKNOWLEDGED, ESCALATED)),
            Map.entry(FAILED, EnumSet.of(QUEUED)),
            Map.entry(REJECTED, EnumSet.noneOf(PaymentStatus.class)),
            Map.entry(UNDIALABLE, EnumSet.of(QUEUED)),
            // an operator's redial releases a throttled payment (their decision, on the record)
            Map.entry(THROTTLED, EnumSet.of(QUEUED)),
            Map.entry(VERIFYING, EnumSet.of(QUEUED, UNVERIFIED)),
            Map.entry(UNVERIFIED, EnumSet.of(QUEUED)));

    /** Outcomes of payments that were never dialled and never will be without an operator (contract §2 rule 13). */
    private static final Set<PaymentStatus> NEVER_DIALLED = EnumSet.of(RECEIVED, REJECTED, UNDIALABLE, THROTTLED, UNVERIFIED);

    /** Whether a payment in this state counts toward its number's limit of dialled payments per 24 h. */
    public boolean countsTowardNumberLimit() {
        return !NEVER_DIALLED.contains(this);
    }

    public boolean canMoveTo(PaymentStatus next) {
        return MOVES.get(this).contains(next);
    }

    public boolean isFinal() {
        return FINAL.contains(this);
    }
}
