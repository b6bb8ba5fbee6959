package ke.thibitisha.verification;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The two Daraja endpoints verification uses (daraja.md §4, §2), as a MicroProfile REST client built by {@link DarajaGateway}. */
@Produces(MediaType.APPLICATION_JSON)
public interface DarajaApi {

    @GET
    @Path("/oauth/v1/generate")
    Response token(@HeaderParam("Authorization") String basic, @QueryParam("grant_type") String grantType);

    @POST
    @Path("/mpesa/stkpushquery/v1/query")
    @Consumes(MediaType.APPLICATION_JSON)
    Response stkPushQuery(@HeaderParam("Authorization") String bearer, String body);
}
