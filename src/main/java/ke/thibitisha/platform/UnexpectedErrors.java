package ke.thibitisha.platform;

import jakarta.json.JsonException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import ke.thibitisha.payments.MaskedFailure;

import java.sql.SQLException;
import java.time.DateTimeException;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Contract §2 rule 14: no exception text ever reaches a caller. Input the framework could not read answers 400;
 * the database or the broker being away answers 503 (the one honest 5xx); anything else is our bug, logged at
 * ERROR with an id that the 500's body repeats.
 */
@Provider
public class UnexpectedErrors implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(UnexpectedErrors.class.getName());

    @Override
    public Response toResponse(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof WebApplicationException web) {
                return new WebApplicationErrors().toResponse(web);
            }
            if (isUnavailable(cause)) {
                String what = cause.getClass().getName();
                LOG.warning(() -> "answered 503, a resource is unavailable: " + what);
                return ErrorResponses.json(503, "temporarily unavailable, try again");
            }
        }
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            Integer failure = resteasyRequestFailure(cause);
            if (failure != null) {
                return ErrorResponses.json(failure, failure == 406 ? "not acceptable" : "malformed request");
            }
            if (isMalformedInput(cause)) {
                String what = cause.getClass().getName();
                LOG.fine(() -> "answered 400 for unreadable input: " + what);
                return ErrorResponses.json(400, "malformed request");
            }
        }
        String id = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "unexpected error " + id + ", answered 500", MaskedFailure.of(error));
        return ErrorResponses.json(500, "internal error " + id);
    }

    private static boolean isUnavailable(Throwable t) {
        String name = t.getClass().getName();
        boolean connection = t instanceof SQLException sql && (sql instanceof java.sql.SQLTransientException
                || sql instanceof java.sql.SQLRecoverableException
                || sql.getSQLState() != null && sql.getSQLState().startsWith("08"));
        return connection || t instanceof jakarta.jms.JMSException
                || t instanceof jakarta.jms.JMSRuntimeException
                || name.startsWith("org.hibernate.exception.JDBCConnectionException")
                || name.equals("jakarta.resource.ResourceException");
    }

    /**
     * RESTEasy reports what it cannot read in a request (an Accept header with {@code q=abc}) as its own
     * {@code Failure}, outside the JAX-RS exception types: a 4xx when it says so, else 400. Not a writer failure,
     * which is ours.
     */
    private static Integer resteasyRequestFailure(Throwable t) {
        boolean failure = false;
        for (Class<?> c = t.getClass(); c != null; c = c.getSuperclass()) {
            failure |= c.getName().equals("org.jboss.resteasy.spi.Failure");
        }
        if (!failure || t.getClass().getName().equals("org.jboss.resteasy.spi.WriterException")) {
            return null;
        }
        try {
            Object code = t.getClass().getMethod("getErrorCode").invoke(t);
            return code instanceof Integer status && status >= 400 && status < 500 ? status : 400;
        } catch (ReflectiveOperationException e) {
            return 400;
        }
    }

    private static boolean isMalformedInput(Throwable t) {
        return t instanceof JsonException || t instanceof ProcessingException || t instanceof DateTimeException
                || t instanceof IllegalArgumentException || t instanceof java.io.IOException;
    }
}
