package ke.thibitisha.dialer;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Sautikit's call API as a MicroProfile REST client (built by {@link SautikitGateway}). Bodies travel as
 * JSON text so that a retried request is byte-for-byte the first one, as Sautikit's idempotency
 * cache (key + SHA-256 of the body) requires.
 */
@Path("/v1/calls")
@Produces(MediaType.APPLICATION_JSON)
public interface SautikitApi {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    Response create(@HeaderParam("Authorization") String authorization,
                    @HeaderParam("Idempotency-Key") String idempotencyKey, String body);

    @GET
    @Path("/{id}")
    Response get(@HeaderParam("Authorization") String authorization, @PathParam("id") String id);

    @POST
    @Path("/{id}/hangup")
    Response hangup(@HeaderParam("Authorization") String authorization, @PathParam("id") String id);
}
