package ke.thibitisha.ops;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import ke.thibitisha.audit.AuditTrail;
import ke.thibitisha.audit.OperatorAction;
import ke.thibitisha.intake.RawCallback;
import ke.thibitisha.intake.RawCallbackRepository;

import java.nio.charset.StandardCharsets;

import static ke.thibitisha.platform.JsonProviders.JSON;

/**
 * Everything Daraja sent, including what we refused: the answer to "did Safaricom call us at all?".
 * Roles {@code ops} and {@code ops-viewer}. Bodies (full phone numbers, names) are shown only one at a time, by id,
 * only to {@code ops}, and every such read is audited.
 */
@Path("/callbacks")
@Produces(MediaType.APPLICATION_JSON)
@Stateless
@RolesAllowed({Roles.OPS, Roles.VIEWER})
public class CallbacksResource {

    @Inject
    RawCallbackRepository rawCallbacks;
    @Inject
    AuditTrail audit;

    @GET
    public Response recent(@QueryParam("rejected") @DefaultValue("false") boolean rejectedOnly,
                           @QueryParam("limit") @DefaultValue("50") int limit) {
        if (limit < 1 || limit > 500) {
            return PaymentsResource.error(400, "limit must be 1 to 500");
        }
        JsonArrayBuilder items = JSON.createArrayBuilder();
        rawCallbacks.newest(rejectedOnly, limit).forEach(r -> items.add(summary(r)));
        return Response.ok(items.build()).build();
    }

    @GET
    @Path("{id}")
    public Response one(@PathParam("id") long id, @Context SecurityContext caller) {
        RawCallback raw = rawCallbacks.find(id).orElse(null);
        if (raw == null) {
            return PaymentsResource.error(404, "no raw callback " + id);
        }
        JsonObjectBuilder view = summary(raw);
        if (!caller.isUserInRole(Roles.OPS)) {
            view.add("body_withheld", "raw bodies are shown to role " + Roles.OPS + " only");
        } else if (raw.getBody() != null) {
            view.add("body", new String(raw.getBody(), StandardCharsets.UTF_8));
            audit.record(OperatorAction.RAW_CALLBACK_READ, AuditTrail.RAW_CALLBACK, String.valueOf(id),
                    raw.getPaymentId(), raw.getKind() + " from shortcode " + raw.getShortcode());
        }
        return Response.ok(view.build()).build();
    }

    private static JsonObjectBuilder summary(RawCallback r) {
        JsonObjectBuilder b = JSON.createObjectBuilder().add("id", r.getId()).add("kind", r.getKind())
                .add("shortcode", r.getShortcode()).add("received_at", r.getReceivedAt().toString())
                .add("body_bytes", r.getBody() == null ? 0 : r.getBody().length);
        if (r.getSourceIp() != null) {
            b.add("source_ip", r.getSourceIp());
        }
        if (r.getHttpStatus() != null) {
            b.add("http_status", r.getHttpStatus());
        }
        if (r.getOutcome() != null) {
            b.add("outcome", r.getOutcome());
        }
        if (r.getPaymentId() != null) {
            b.add("payment_id", r.getPaymentId());
        }
        return b;
    }
}
