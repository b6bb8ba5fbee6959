package ke.thibitisha.payments;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * A failure as it may be logged: the same chain of causes and stack traces, every message with its phone numbers
 * masked. Drivers and vendors put data in their messages (H2's lock timeout quotes the whole locked row, the payer's
 * number included), and a log line may never hold a phone number (contract §5).
 */
public final class MaskedFailure extends Exception {

    private final String shown;

    private MaskedFailure(Throwable original, Throwable maskedCause) {
        super(original.getMessage() == null ? null : PhoneNumbers.maskAll(original.getMessage()), maskedCause,
                false, true);
        this.shown = original.getClass().getName() + (getMessage() == null ? "" : ": " + getMessage());
        setStackTrace(original.getStackTrace());
    }

    /** The masked copy of {@code failure} and of each of its causes, to pass to a logger in its place. */
    public static Throwable of(Throwable failure) {
        return copy(failure, new IdentityHashMap<>());
    }

    /** {@code failure.toString()}, masked: for a log message that names a failure without its stack trace. */
    public static String describe(Throwable failure) {
        return of(failure).toString();
    }

    private static Throwable copy(Throwable failure, Map<Throwable, Boolean> seen) {
        if (failure == null || seen.put(failure, Boolean.TRUE) != null) {
            return null;
        }
        return new MaskedFailure(failure, copy(failure.getCause(), seen));
    }

    /** Printed as the original: its class name and its (masked) message, so a stack trace reads as before. */
    @Override
    public String toString() {
        return shown;
    }
}
