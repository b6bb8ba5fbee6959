package ke.thibitisha.sim.sautikit;

/** The two billing rules the docs disagree on (sautikit-api.md §14); both round up. */
public enum Billing {
    /** {@code ceil(duration / 60) × rate}: 90 s bills as 2 minutes. */
    PER_MINUTE {
        @Override
        public long costMinor(long durationSeconds, long ratePerMinuteMinor) {
            return ceilDiv(durationSeconds, 60) * ratePerMinuteMinor;
        }
    },
    /** {@code ceil(duration × rate / 60)}: KES 3.00/min is 5 minor units a second. */
    PER_SECOND {
        @Override
        public long costMinor(long durationSeconds, long ratePerMinuteMinor) {
            return ceilDiv(durationSeconds * ratePerMinuteMinor, 60);
        }
    };

    public abstract long costMinor(long durationSeconds, long ratePerMinuteMinor);

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }
}
