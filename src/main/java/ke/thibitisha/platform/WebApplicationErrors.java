package ke.thibitisha.platform;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Contract §2 rule 14: what JAX-RS itself refuses (unknown path, wrong method, wrong content type, a parameter
 * that cannot be read) answers its 4xx with a short JSON error instead of the container's text, which can name
 * classes and paths. Headers such as {@code Allow} are kept.
 */
@Provider
public class WebApplicationErrors implements ExceptionMapper<WebApplicationException> {

    @Override
    public Response toResponse(WebApplicationException e) {
        Response original = e.getResponse();
        int status = original.getStatus();
        // a query or path parameter that cannot be converted (limit=abc) is the caller's mistake, not a missing page
        if (e instanceof NotFoundException && e.getCause() != null) {
            return ErrorResponses.json(400, "a query or path parameter cannot be read");
        }
        String message = e instanceof RequestRejected ? e.getMessage() : ErrorResponses.reason(status);
        Response.ResponseBuilder answer = Response.fromResponse(original).entity(null);
        return answer.type(jakarta.ws.rs.core.MediaType.APPLICATION_JSON)
                .entity(ErrorResponses.json(status, message).getEntity()).build();
    }
}
