package ke.thibitisha.events;

import jakarta.ejb.EJBException;
import jakarta.inject.Inject;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import ke.thibitisha.dialer.CallCompletions;
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
    CallCompletions completions;

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
            LOG.warning(() -> "signed Sautikit event could not be read: " + e.getMessage());
            return ke.thibitisha.platform.ErrorResponses.json(400, "event is not readable: " + e.getMessage());
        }
        Optional<EventService.Ended> ended;
        try {
            ended = events.apply(event);
        } catch (EJBException e) {
            // the same event_id applied concurrently by another delivery: that one won, this one is a no-op
            LOG.info(() -> "event " + event.eventId() + " not applied (concurrent duplicate?): " + e.getMessage());
            return json(200, "{\"received\":true}");
        }
        ended.ifPresent(end -> completions.completed(end.attemptId(), end.status()));
        return json(200, "{\"received\":true}");
    }

    private static Response json(int status, String body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body).build();
    }
}
