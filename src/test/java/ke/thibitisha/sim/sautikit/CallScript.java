package ke.thibitisha.sim.sautikit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What happens to a call to one destination: how long it rings, whether it is answered, how long the callee stays
 * on the line, and which keys they press at each getDigits. Immutable; {@link #pressing} and {@link #after} copy.
 *
 * <p>Text form (command line and control API): {@code answer:<ringMs>:<talkMs>[:<digits>/<digits>...]} where an empty
 * or {@code -} entry is a getDigits with no input, or {@code busy|no_answer|failed|canceled[:<ringMs>]}.
 */
public final class CallScript {

    /** How the ringing ends. The failure outcomes carry their record status and event failure_reason. */
    public enum Outcome {
        ANSWER(null, null),
        BUSY("busy", "busy"),
        NO_ANSWER("no_answer", "no_answer"),
        // GAP: the reason vocabulary is undocumented; a carrier error is the documented meaning of "failed"
        FAILED("failed", "network_error"),
        CANCELED("canceled", "canceled");

        private final String status;
        private final String failureReason;

        Outcome(String status, String failureReason) {
            this.status = status;
            this.failureReason = failureReason;
        }

        /** Status on the call record after this failure; null for ANSWER. */
        public String status() {
            return status;
        }

        /** {@code failure_reason} of the call.failed event; null for ANSWER. */
        public String failureReason() {
            return failureReason;
        }
    }

    private static final long DEFAULT_FAILURE_RING_MS = 20;

    private final Outcome outcome;
    private final long ringMs;
    private final long talkMs;
    private final List<String> digits;

    private CallScript(Outcome outcome, long ringMs, long talkMs, List<String> digits) {
        if (ringMs < 0 || talkMs < 0) {
            throw new IllegalArgumentException("negative duration in call script");
        }
        this.outcome = outcome;
        this.ringMs = ringMs;
        this.talkMs = talkMs;
        this.digits = List.copyOf(digits);
    }

    /** Answered after {@code ringMs}; the call lasts at least {@code talkMs} after the answer. Presses nothing. */
    public static CallScript answer(long ringMs, long talkMs) {
        return new CallScript(Outcome.ANSWER, ringMs, talkMs, List.of());
    }

    public static CallScript busy() {
        return failing(Outcome.BUSY);
    }

    public static CallScript noAnswer() {
        return failing(Outcome.NO_ANSWER);
    }

    public static CallScript failed() {
        return failing(Outcome.FAILED);
    }

    public static CallScript canceled() {
        return failing(Outcome.CANCELED);
    }

    private static CallScript failing(Outcome outcome) {
        return new CallScript(outcome, DEFAULT_FAILURE_RING_MS, 0, List.of());
    }

    /**
     * Keys pressed at successive getDigits, e.g. {@code pressing("", "1")}: no input at the first, "1" at the second.
     * An empty string or null entry (or a null array) is a getDigits that times out with no input; so is every
     * getDigits after the sequence runs out.
     */
    public CallScript pressing(String... sequence) {
        List<String> keys = new ArrayList<>();
        if (sequence == null) {
            keys.add("");
        } else {
            Arrays.stream(sequence).map(k -> k == null ? "" : k).forEach(keys::add);
        }
        return new CallScript(outcome, ringMs, talkMs, keys);
    }

    /** The same script ringing for {@code ms} before its outcome. */
    public CallScript after(long ms) {
        return new CallScript(outcome, ms, talkMs, digits);
    }

    public Outcome outcome() {
        return outcome;
    }

    public long ringMs() {
        return ringMs;
    }

    public long talkMs() {
        return talkMs;
    }

    /** The scripted key sequence; "" stands for no input. */
    public List<String> digits() {
        return digits;
    }

    public static CallScript parse(String spec) {
        String[] parts = spec.trim().split(":", -1);
        String kind = parts[0].toLowerCase(Locale.ROOT);
        try {
            if (kind.equals("answer")) {
                if (parts.length < 3 || parts.length > 4) {
                    throw new IllegalArgumentException("expected answer:<ringMs>:<talkMs>[:<digits>/...]");
                }
                CallScript script = answer(Long.parseLong(parts[1]), Long.parseLong(parts[2]));
                return parts.length == 4 ? script.pressing(parseDigits(parts[3])) : script;
            }
            CallScript script = switch (kind) {
                case "busy" -> busy();
                case "no_answer" -> noAnswer();
                case "failed" -> failed();
                case "canceled" -> canceled();
                default -> throw new IllegalArgumentException("unknown outcome " + kind);
            };
            if (parts.length > 2) {
                throw new IllegalArgumentException("expected " + kind + "[:<ringMs>]");
            }
            return parts.length == 2 ? script.after(Long.parseLong(parts[1])) : script;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad number in call script '" + spec + "'", e);
        }
    }

    private static String[] parseDigits(String text) {
        return Arrays.stream(text.split("/", -1)).map(d -> d.equals("-") ? "" : d).toArray(String[]::new);
    }

    @Override
    public String toString() {
        return outcome == Outcome.ANSWER
                ? "answer:" + ringMs + ":" + talkMs + (digits.isEmpty() ? "" : ":" + String.join("/", digits))
                : outcome.status() + ":" + ringMs;
    }
}
