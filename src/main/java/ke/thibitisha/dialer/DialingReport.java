package ke.thibitisha.dialer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Optional;

/**
 * The state of dialling as any node reports it ({@code GET /api/stats} {@code dialling}, the
 * {@code thibitisha_dialling_paused} gauge). A paused dialler never touches readiness: this node still accepts
 * callbacks, and they wait for the dialler to resume.
 */
@ApplicationScoped
public class DialingReport {

    static final String NOT_CONFIGURED = "SAUTIKIT_API_KEY or SAUTIKIT_FROM_NUMBER is not set";

    @Inject
    DialingNode nodes;
    @Inject
    DialingPause pause;
    @Inject
    DialingStateRepository dialingState;
    @Inject
    SautikitGateway sautikit;

    public DialingStatus now() {
        String here = nodes.thisNode();
        String node = nodes.dialling().orElse(here);
        Optional<String> reason;
        if (!sautikit.configured()) {
            reason = Optional.of(NOT_CONFIGURED);
        } else if (node.equals(here)) {
            reason = pause.reason();
        } else {
            // the pause lives in the dialling node's memory; it declares it in the database for the others
            reason = dialingState.read().filter(declared -> node.equals(declared.node())).map(DialingStateRepository.Declared::pausedReason);
        }
        return new DialingStatus(reason.isPresent() ? "paused" : "running", reason.orElse(null), node);
    }
}
