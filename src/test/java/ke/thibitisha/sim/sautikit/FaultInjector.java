package ke.thibitisha.sim.sautikit;

import java.time.Duration;

/**
 * Faults applied to the next requests of the /v1 API: an error status without processing the request, a
 * connection closed without an answer after the request was processed (so a call may exist that the client never
 * heard of), and a delay before every answer.
 */
final class FaultInjector {

    enum Kind { NONE, FAIL, DROP }

    record Fault(Kind kind, int status) {
        static final Fault NONE = new Fault(Kind.NONE, 0);
    }

    private int failuresLeft;
    private int failureStatus;
    private int dropsLeft;
    private volatile Duration delay = Duration.ZERO;

    synchronized void failNext(int count, int status) {
        failuresLeft = count;
        failureStatus = status;
    }

    synchronized void dropNext(int count) {
        dropsLeft = count;
    }

    void delay(Duration delay) {
        this.delay = delay;
    }

    /** Consumes one pending fault, drops first. */
    synchronized Fault next() {
        if (dropsLeft > 0) {
            dropsLeft--;
            return new Fault(Kind.DROP, 0);
        }
        if (failuresLeft > 0) {
            failuresLeft--;
            return new Fault(Kind.FAIL, failureStatus);
        }
        return Fault.NONE;
    }

    void pause() {
        Duration pause = delay;
        if (!pause.isZero()) {
            try {
                Thread.sleep(pause.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    synchronized void reset() {
        failuresLeft = 0;
        dropsLeft = 0;
        delay = Duration.ZERO;
    }
}
