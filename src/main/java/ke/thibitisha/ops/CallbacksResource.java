package ke.thibitisha.ops;

import jakarta.ejb.Stateless;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import ke.thibitisha.intake.RawCallback;

import java.nio.charset.StandardCharsets;

import static ke.thibitisha.platform.JsonProviders.JSON;

/**
 * Everything Daraja sent, including what we refused: the answer to "did Safaricom call us at all?".
 * Role {@code ops}. Bodies are shown only one at a time, by id.
 */
@Path("/callbacks")
@Produces(MediaType.APPLICATION_JSON)
@Stateless
public class CallbacksResource {

    @PersistenceContext
    EntityManager em;

    @GET
    public Response recent(@QueryParam("rejected") @DefaultValue("false") boolean rejectedOnly,
                           @QueryParam("limit") @DefaultValue("50") int limit) {
        if (limit < 1 || limit > 500) {
            return PaymentsResource.error(400, "limit must be 1 to 500");
        }
        String jpql = "select r from RawCallback r" + (rejectedOnly ? " where r.httpStatus <> 200" : "")
                + " order by r.id desc";
        JsonArrayBuilder items = JSON.createArrayBuilder();
        em.createQuery(jpql, RawCallback.class).setMaxResults(limit).getResultList()
                .forEach(r -> items.add(summary(r)));
        return Response.ok(items.build()).build();
    }

    @GET
    @Path("{id}")
    public Response one(@PathParam("id") long id) {
        RawCallback raw = em.find(RawCallback.class, id);
        if (raw == null) {
            return PaymentsResource.error(404, "no raw callback " + id);
        }
        JsonObjectBuilder view = summary(raw);
        if (raw.getBody() != null) {
            view.add("body", new String(raw.getBody(), StandardCharsets.UTF_8));
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
