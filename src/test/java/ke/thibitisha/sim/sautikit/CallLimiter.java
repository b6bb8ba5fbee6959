package ke.thibitisha.sim.sautikit;

/**
 * Counts calls in flight (from the 201 until the call is terminal), refuses a new one at the limit, and keeps the
 * highest count ever reached. Synchronized so the check and the increment are one step under concurrent creates.
 */
final class CallLimiter {

    private int limit;
    private int inFlight;
    private int peak;

    CallLimiter(int limit) {
        this.limit = limit;
    }

    synchronized boolean tryAcquire() {
        if (inFlight >= limit) {
            return false;
        }
        inFlight++;
        peak = Math.max(peak, inFlight);
        return true;
    }

    synchronized void release() {
        inFlight--;
    }

    synchronized int inFlight() {
        return inFlight;
    }

    synchronized int peak() {
        return peak;
    }

    synchronized void setLimit(int limit) {
        this.limit = limit;
    }

    synchronized int limit() {
        return limit;
    }

    /** Forgets the history: used by reset, after the calls in flight were abandoned. */
    synchronized void clear() {
        inFlight = 0;
        peak = 0;
    }
}
