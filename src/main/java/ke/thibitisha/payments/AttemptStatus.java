package ke.thibitisha.payments;

import java.util.Locale;
import java.util.Optional;

/**
 * One call attempt's state. REQUESTED is written before {@code POST /v1/calls} is sent, so a crash
 * between the two is recovered with the same Idempotency-Key. Terminal states never move back.
 */
public enum AttemptStatus {
    REQUESTED(0), RINGING(1), ANSWERED(2),
    COMPLETED(3), BUSY(3), NO_ANSWER(3), FAILED(3), CANCELED(3), TIMED_OUT(3), REFUSED(3);

    private final int rank;

    AttemptStatus(int rank) {
        this.rank = rank;
    }

    public boolean isTerminal() {
        return rank == 3;
    }

    /** Out-of-order events must never move an attempt backwards ({@code completed} before {@code answered}). */
    public boolean canAdvanceTo(AttemptStatus next) {
        return !isTerminal() && next.rank > rank;
    }

    /** Terminal and not a conversation: worth dialling again. */
    public boolean isUnreached() {
        return this == BUSY || this == NO_ANSWER || this == FAILED || this == CANCELED || this == TIMED_OUT;
    }

    /**
     * Maps Sautikit's words for a call's state: the record's {@code status}, or the {@code failure_reason}
     * of a {@code call.failed} event (the documentation uses both for busy and no answer).
     */
    public static Optional<AttemptStatus> fromSautikit(String status) {
        if (status == null) {
            return Optional.empty();
        }
        return switch (status.trim().toLowerCase(Locale.ROOT).replace('-', '_')) {
            case "ringing", "started", "queued", "initiated" -> Optional.of(RINGING);
            case "answered", "in_progress" -> Optional.of(ANSWERED);
            case "completed", "hung_up" -> Optional.of(COMPLETED);
            case "busy", "user_busy" -> Optional.of(BUSY);
            case "no_answer", "noanswer", "timeout" -> Optional.of(NO_ANSWER);
            case "canceled", "cancelled" -> Optional.of(CANCELED);
            case "failed", "rejected" -> Optional.of(FAILED);
            default -> Optional.empty();
        };
    }
}
