package ke.thibitisha.events;

import jakarta.inject.Inject;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import ke.thibitisha.dialer.CallEndSignal;
import ke.thibitisha.payments.MaskedFailure;
import ke.thibitisha.platform.Settings;

import java.time.Instant;
import java.util.Optional;
import java.util.logging.Logger;

/** Sautikit's signed call lifecycle events. */
@Path("/sautikit/events")
public class EventsResource {

    private static final Logger LOG = Logger.getLogger(EventsResource.class.getName());

    @Inject
    Settings settings;
    @Inject
    EventService events;
    @Inject
    CallEndSignal callEnds;

    @POST
    public Response receive(@HeaderParam("X-Sautikit-Signature") String signature, byte[] body) {
        byte[] raw = body == null ? new byte[0] : body;
        SignatureVerifier verifier = new SignatureVerifier(settings.webhookSecrets(), settings.signatureTolerance(),
                settings.legacySignatures());
        String problem = verifier.problem(signature, raw, Instant.now());
        if (problem != null) {
            LOG.warning(() -> "Sautikit event refused (401): " + problem);
            return json(401, "{\"error\":\"invalid signature\"}");
        }
        SautikitEvent event;
        try {
            event = SautikitEvent.parse(raw);
        } catch (IllegalArgumentException e) {
            LOG.warning(() -> "signed Sautikit event could not be read: " + MaskedFailure.describe(e));
            return ke.thibitisha.platform.ErrorResponses.json(400, "event is not readable: " + e.getMessage());
        }
        return apply(event) == 200 ? json(200, "{\"received\":true}")
                : json(503, "{\"error\":\"event not applied now, deliver it again\"}");
    }

    /**
     * @return 200 once the event's effect is committed (or it was a duplicate), 503 when it could not be applied now
     * (contract §4): an event for a call not recorded yet, the database away, a deadlock. Sautikit then resends.
     */
    int apply(SautikitEvent event) {
        Optional<EventService.Ended> ended;
        try {
            ended = events.apply(event);
        } catch (CallNotRecordedYet e) {
            LOG.info(() -> e.getMessage() + ": 503, Sautikit delivers it again");
            return 503;
        } catch (RuntimeException e) {
            return appliedConcurrently(event, e) ? 200 : 503;
        }
        ended.ifPresent(end -> callEnds.announce(end.attemptId(), end.status())); // committed: wake its dialer, on any node
        return 200;
    }

    /** A concurrent delivery of the same event_id that won makes this one a duplicate. */
    private boolean appliedConcurrently(SautikitEvent event, RuntimeException e) {
        try {
            if (events.alreadyApplied(event.eventId())) {
                LOG.info(() -> "event " + event.eventId() + " applied by a concurrent delivery");
                return true;
            }
        } catch (RuntimeException again) {
            e.addSuppressed(again);
        }
        LOG.warning(() -> "event " + event.eventId() + " " + event.kind() + " not applied (503, Sautikit resends): "
                + MaskedFailure.describe(e));
        return false;
    }

    private static Response json(int status, String body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body).build();
    }
}
