package ke.thibitisha.intake;

import jakarta.ejb.EJBException;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import ke.thibitisha.ops.ThibitishaMetrics;
import ke.thibitisha.paybill.Paybills;
import ke.thibitisha.paybill.Paybills.Paybill;
import ke.thibitisha.platform.Settings;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.IntStream;
import java.util.logging.Logger;

/**
 * Daraja's three URLs per paybill. The shortcode and its secret token are in the path because Daraja
 * signs nothing; everything else is decided by {@link IntakeService}.
 */
@Path("/daraja/{shortcode}/{token}")
public class DarajaResource {

    private static final Logger LOG = Logger.getLogger(DarajaResource.class.getName());
    /** Headers worth keeping with the raw body; never anything that could hold a credential. */
    private static final List<String> KEPT_HEADERS = List.of("Content-Type", "Content-Length", "User-Agent",
            "X-Forwarded-For", "BusinessShortCode", "Host");

    @Inject
    Paybills paybills;
    @Inject
    IntakeService intake;
    @Inject
    Settings settings;
    @Inject
    ThibitishaMetrics metrics;
    @Context
    HttpServletRequest http;

    @POST
    @Path("stk")
    public Response stk(@PathParam("shortcode") String shortcode, @PathParam("token") String token, InputStream body) {
        return handle(CallbackKind.STK, shortcode, token, body);
    }

    @POST
    @Path("c2b/validation")
    public Response validation(@PathParam("shortcode") String shortcode, @PathParam("token") String token,
                               InputStream body) {
        return handle(CallbackKind.C2B_VALIDATION, shortcode, token, body);
    }

    @POST
    @Path("c2b/confirmation")
    public Response confirmation(@PathParam("shortcode") String shortcode, @PathParam("token") String token,
                                 InputStream body) {
        return handle(CallbackKind.C2B_CONFIRMATION, shortcode, token, body);
    }

    private Response handle(CallbackKind kind, String shortcode, String token, InputStream body) {
        long started = System.nanoTime();
        Response response = answer(kind, shortcode, token, body);
        metrics.callbackAnswered(kind.name().toLowerCase(Locale.ROOT), response.getStatus(),
                Duration.ofNanos(System.nanoTime() - started));
        return response;
    }

    private Response answer(CallbackKind kind, String shortcode, String token, InputStream body) {
        Optional<Paybill> paybill = paybills.authenticate(shortcode, token);
        String source = SourceAddress.resolve(http.getRemoteAddr(), SourceAddress.joined(http.getHeaders("X-Forwarded-For")),
                settings.trustedProxies());
        if (paybill.isEmpty()) {
            LOG.warning(() -> String.format("%s callback for unknown shortcode or wrong token (shortcode %.16s) from %s: answered 404, nothing stored",
                    kind, shortcode, source));
            return Response.status(404).type(MediaType.APPLICATION_JSON)
                    .entity("{\"ResultCode\":1,\"ResultDesc\":\"Not found\"}").build();
        }
        InboundRequest request;
        try {
            byte[] bytes = readAtMost(body, IntakeService.MAX_BODY_BYTES + 1);
            boolean truncated = bytes.length > IntakeService.MAX_BODY_BYTES;
            if (truncated) {
                bytes = Arrays.copyOf(bytes, IntakeService.MAX_BODY_BYTES);
            }
            request = new InboundRequest(kind, shortcode, source, http.getContentType(), headers(), bytes, truncated,
                    Instant.now());
        } catch (IOException e) {
            LOG.warning(() -> kind + " callback for paybill " + shortcode + ": body could not be read (" + e + ")");
            return Response.status(400).type(MediaType.APPLICATION_JSON)
                    .entity("{\"ResultCode\":1,\"ResultDesc\":\"body could not be read\"}").build();
        }
        IntakeResult result = receiveWithOneRetry(request, paybill.get());
        return Response.status(result.status()).type(MediaType.APPLICATION_JSON).entity(result.json()).build();
    }

    /**
     * Byte-identical callbacks (Daraja's duplicates) take turns in this JVM, so the second finds the first's
     * committed payment instead of colliding with it on the unique key.
     */
    private static final List<Lock> SAME_BODY = IntStream.range(0, 256).mapToObj(i -> (Lock) new ReentrantLock()).toList();

    /**
     * Two callbacks for one payment on two nodes (or with different bytes) both find no payment and both
     * insert; the database's unique key lets one commit and rolls the other back. Retried, the loser sees the winner's row and
     * is stored as a duplicate, raw row included.
     */
    private IntakeResult receiveWithOneRetry(InboundRequest request, Paybill paybill) {
        Lock lock = SAME_BODY.get(Arrays.hashCode(request.body()) & (SAME_BODY.size() - 1));
        lock.lock();
        try {
            return intake.receive(request, paybill);
        } catch (EJBException first) {
            LOG.fine(() -> "intake transaction rolled back, retrying once: " + first);
            return intake.receive(request, paybill);
        } finally {
            lock.unlock();
        }
    }

    private String headers() {
        StringBuilder kept = new StringBuilder();
        for (String name : KEPT_HEADERS) {
            String value = SourceAddress.joined(http.getHeaders(name));
            if (value != null) {
                kept.append(name).append(": ").append(value).append('\n');
            }
        }
        return kept.toString();
    }

    private static byte[] readAtMost(InputStream in, int limit) throws IOException {
        if (in == null) {
            return new byte[0];
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int read;
        while (out.size() < limit && (read = in.read(buffer, 0, Math.min(buffer.length, limit - out.size()))) != -1) {
            out.write(buffer, 0, read);
        }
        return out.toByteArray();
    }
}
