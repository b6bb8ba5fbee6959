package ke.thibitisha.dialer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import ke.thibitisha.payments.MaskedFailure;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Dialling is paused when Sautikit cannot take calls from us (empty wallet, no API key). Messages stay
 * queued; the first call after the pause is the probe, and a success resumes dialling. Each change is also
 * declared in the database, for the other nodes' {@code GET /api/stats}; a pause never takes readiness down.
 */
@ApplicationScoped
public class DialingPause {

    private static final Logger LOG = Logger.getLogger(DialingPause.class.getName());

    @Inject
    DialingStateRepository dialingState;
    @Inject
    DialingNode nodes;

    private volatile String reason;
    private volatile Instant until = Instant.EPOCH;

    public void pause(String why, Duration length) {
        if (reason == null) {
            LOG.warning(() -> "dialling paused: " + why);
        }
        boolean changed = !Objects.equals(reason, why);
        reason = why;
        until = Instant.now().plus(length);
        if (changed) {
            declare(why);
        }
    }

    public void resume() {
        String was = reason;
        reason = null;
        until = Instant.EPOCH;
        if (was != null) {
            LOG.info(() -> "dialling resumed (was paused: " + was + ")");
            declare(null);
        }
    }

    private void declare(String pausedReason) {
        try {
            dialingState.declare(nodes.thisNode(), pausedReason);
        } catch (RuntimeException e) {
            LOG.warning(() -> "could not record the dialling state for the other nodes: "
                    + MaskedFailure.describe(e));
        }
    }

    /** How long to hold back the next call, when paused. */
    public Optional<Duration> holdBack() {
        Duration left = Duration.between(Instant.now(), until);
        return left.isNegative() || left.isZero() ? Optional.empty() : Optional.of(left);
    }

    /** Why dialling is paused, while a pause has been declared and no call has succeeded since. */
    public Optional<String> reason() {
        return Optional.ofNullable(reason);
    }
}
