package ke.thibitisha.dialer;

import ke.thibitisha.payments.AttemptStatus;

/** A call record read with {@code GET /v1/calls/{id}}. Fields Sautikit left out are null. */
public record CallStatus(AttemptStatus status, String rawStatus, String failureCode, Integer durationSeconds,
                         Long costMinor) {
}
