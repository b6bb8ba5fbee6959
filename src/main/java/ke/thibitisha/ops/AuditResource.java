package ke.thibitisha.ops;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import ke.thibitisha.audit.AuditEntry;
import ke.thibitisha.audit.AuditRepository;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import static ke.thibitisha.platform.JsonProviders.JSON;

/** Who did what and when: the operator audit trail, newest first. Role {@code ops} only (not {@code ops-viewer}). */
@Path("/audit")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.OPS)
public class AuditResource {

    @Inject
    AuditRepository entries;

    @GET
    public Response list(@QueryParam("since") String since, @QueryParam("limit") @DefaultValue("100") int limit) {
        Instant from;
        try {
            from = since == null || since.isBlank() ? Instant.EPOCH : PaymentsResource.instant(since.trim());
        } catch (DateTimeParseException e) {
            return PaymentsResource.error(400, "since must be an ISO date (2026-11-29, Nairobi time) or instant (2026-11-29T08:00:00Z)");
        }
        if (limit < 1 || limit > 1000) {
            return PaymentsResource.error(400, "limit must be 1 to 1000");
        }
        JsonArrayBuilder items = JSON.createArrayBuilder();
        entries.newestSince(from, limit).forEach(e -> items.add(view(e)));
        return Response.ok(items.build()).build();
    }

    private static JsonObjectBuilder view(AuditEntry e) {
        JsonObjectBuilder b = JSON.createObjectBuilder().add("id", e.getId()).add("at", e.getAt().toString())
                .add("operator", e.getOperator()).add("action", e.getAction().name())
                .add("entity_type", e.getEntityType());
        if (e.getEntityId() != null) {
            b.add("entity_id", e.getEntityId());
        }
        if (e.getPaymentId() != null) {
            b.add("payment_id", e.getPaymentId());
        }
        if (e.getDetail() != null) {
            b.add("detail", e.getDetail());
        }
        return b;
    }
}
