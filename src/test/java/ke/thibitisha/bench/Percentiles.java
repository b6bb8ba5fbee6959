package ke.thibitisha.bench;

import java.util.Collection;
import java.util.List;

/** Nearest-rank percentiles of a sample, in the sample's unit. */
record Percentiles(int count, double min, double p50, double p95, double p99, double max) {

    static Percentiles of(Collection<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        if (sorted.isEmpty()) {
            return new Percentiles(0, 0, 0, 0, 0, 0);
        }
        return new Percentiles(sorted.size(), sorted.get(0), rank(sorted, 50), rank(sorted, 95), rank(sorted, 99),
                sorted.get(sorted.size() - 1));
    }

    private static double rank(List<Double> sorted, double percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }
}
