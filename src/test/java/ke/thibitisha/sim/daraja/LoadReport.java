package ke.thibitisha.sim.daraja;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What a {@link DarajaLoad} run observed. {@code sent} counts every request, duplicates included; {@code accepted}
 * those answered 2xx; {@code errorsByStatus} the rest by status, or {@code "timeout"} / {@code "connection"}.
 * Answer times are in milliseconds (nearest-rank percentiles over every request); {@code answers} has each request's
 * send time (from the start of the run) and answer time, to see when the slow ones were sent.
 */
public record LoadReport(int payments, int sent, int sequentialDuplicates, int concurrentDuplicates, int accepted,
                         Map<String, Integer> errorsByStatus, double p50Ms, double p95Ms, double p99Ms, double maxMs,
                         double achievedRatePerSecond, Duration elapsed, List<String> checkoutRequestIds,
                         List<Answer> answers) {

    /** One request: when it was sent (ms from the start of the run) and how long its answer took (ms). */
    public record Answer(double sentAtMs, double answerMs) {
    }

    public LoadReport {
        errorsByStatus = Map.copyOf(errorsByStatus);
        checkoutRequestIds = List.copyOf(checkoutRequestIds);
        answers = List.copyOf(answers);
    }

    /** How many answers took longer than {@code overMs}, by the whole second of the run in which they were sent. */
    public SortedMap<Integer, Long> slowAnswersBySecondSent(double overMs) {
        return answers.stream().filter(a -> a.answerMs() > overMs).collect(Collectors.groupingBy(
                a -> (int) (a.sentAtMs() / 1000), TreeMap::new, Collectors.counting()));
    }

    /** Nearest-rank percentile of ascending-sorted values; 0 when there are none. */
    static double percentile(List<Double> sortedAscending, double percent) {
        if (sortedAscending.isEmpty()) {
            return 0;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sortedAscending.size());
        return sortedAscending.get(Math.max(0, rank - 1));
    }

    /** A few aligned lines for a terminal. */
    public String describe() {
        String errors = errorsByStatus.isEmpty() ? "none" : errorsByStatus.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", "));
        return String.format("""
                        payments     %d (unique CheckoutRequestIDs)
                        sent         %d (%d sequential + %d concurrent duplicates)
                        accepted     %d (2xx)
                        errors       %s
                        answer ms    p50 %.1f  p95 %.1f  p99 %.1f  max %.1f
                        rate         %.1f requests/s over %.2f s
                        """, payments, sent, sequentialDuplicates, concurrentDuplicates, accepted, errors,
                p50Ms, p95Ms, p99Ms, maxMs, achievedRatePerSecond, elapsed.toMillis() / 1000.0);
    }
}
