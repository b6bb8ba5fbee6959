package ke.thibitisha.platform;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import static ke.thibitisha.platform.JsonProviders.JSON;

/** The one shape of an error answer: {@code {"error":"short reason"}}, never an exception's text. */
public final class ErrorResponses {

    private ErrorResponses() {
    }

    public static Response json(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(JSON.createObjectBuilder().add("error", message).build().toString()).build();
    }

    /** The standard reason phrase of a status, in lower case ({@code 415} → "unsupported media type"). */
    public static String reason(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        return known == null ? "request refused" : known.getReasonPhrase().toLowerCase(java.util.Locale.ROOT);
    }
}
