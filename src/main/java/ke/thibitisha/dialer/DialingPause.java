package ke.thibitisha.dialer;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Dialling is paused when Sautikit cannot take calls from us (empty wallet, no API key). Messages stay
 * queued; the first call after the pause is the probe, and a success resumes dialling.
 */
@ApplicationScoped
public class DialingPause {

    private static final Logger LOG = Logger.getLogger(DialingPause.class.getName());

    private volatile String reason;
    private volatile Instant until = Instant.EPOCH;

    public void pause(String why, Duration length) {
        if (reason == null) {
            LOG.warning(() -> "dialling paused: " + why);
        }
        reason = why;
        until = Instant.now().plus(length);
    }

    public void resume() {
        if (reason != null) {
            LOG.info(() -> "dialling resumed (was paused: " + reason + ")");
        }
        reason = null;
        until = Instant.EPOCH;
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
