package ke.thibitisha.ops;

import jakarta.annotation.security.RolesAllowed;
import jakarta.json.JsonArrayBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.json.JsonObject;

import java.util.stream.Stream;

import static ke.thibitisha.platform.JsonProviders.JSON;

/** Who is signed in and with which operations roles: the operations page shows only what the user may do. */
@Path("/me")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.OPS, Roles.VIEWER})
public class MeResource {

    @Context
    SecurityContext security;

    @GET
    public JsonObject me() {
        JsonArrayBuilder roles = JSON.createArrayBuilder();
        Stream.of(Roles.OPS, Roles.VIEWER).filter(security::isUserInRole).forEach(roles::add);
        return JSON.createObjectBuilder().add("name", security.getUserPrincipal().getName()).add("roles", roles).build();
    }
}
