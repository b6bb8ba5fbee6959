package ke.thibitisha.platform;

import jakarta.ws.rs.WebApplicationException;

/** A request we refuse for what it is (malformed, too large): a 4xx whose short message is safe to show. */
public class RequestRejected extends WebApplicationException {

    public RequestRejected(int status, String message) {
        super(message, status);
    }
}
