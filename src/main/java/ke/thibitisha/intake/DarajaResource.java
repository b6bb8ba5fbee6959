package ke.thibitisha.intake;

import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import ke.thibitisha.paybill.Paybills;
import ke.thibitisha.paybill.Paybills.Paybill;
import ke.thibitisha.payments.MaskedFailure;
import ke.thibitisha.platform.Settings;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.logging.Logger;

/**
 * Daraja's three URLs per paybill. The shortcode and its secret token are in the path because Daraja
 * signs nothing. The request thread checks and parses ({@link CallbackCheck}); the node's intake writer stores
 * ({@link IntakeWriter}), and the request is answered once its group has committed.
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
    IntakeWriter writer;
    @Inject
    Settings settings;
    @Inject
    Event<CallbackAnswered> answered;
    @Context
    HttpServletRequest http;

    @POST
    @Path("stk")
    public void stk(@PathParam("shortcode") String shortcode, @PathParam("token") String token, InputStream body,
                    @Suspended AsyncResponse response) {
        handle(CallbackKind.STK, shortcode, token, body, response);
    }

    @POST
    @Path("c2b/validation")
    public void validation(@PathParam("shortcode") String shortcode, @PathParam("token") String token,
                           InputStream body, @Suspended AsyncResponse response) {
        handle(CallbackKind.C2B_VALIDATION, shortcode, token, body, response);
    }

    @POST
    @Path("c2b/confirmation")
    public void confirmation(@PathParam("shortcode") String shortcode, @PathParam("token") String token,
                             InputStream body, @Suspended AsyncResponse response) {
        handle(CallbackKind.C2B_CONFIRMATION, shortcode, token, body, response);
    }

    private void handle(CallbackKind kind, String shortcode, String token, InputStream body, AsyncResponse response) {
        long started = System.nanoTime();
        answer(kind, shortcode, token, body).whenComplete((result, failure) -> {
            IntakeResult sent = failure == null ? result : IntakeResult.status(500, "not stored");
            answered.fire(new CallbackAnswered(kind, sent.status(), Duration.ofNanos(System.nanoTime() - started)));
            response.resume(Response.status(sent.status()).type(MediaType.APPLICATION_JSON).entity(sent.json()).build());
        });
    }

    private CompletionStage<IntakeResult> answer(CallbackKind kind, String shortcode, String token, InputStream body) {
        Optional<Paybill> paybill = paybills.authenticate(shortcode, token);
        String source = SourceAddress.resolve(http.getRemoteAddr(), SourceAddress.joined(http.getHeaders("X-Forwarded-For")),
                settings.trustedProxies());
        if (paybill.isEmpty()) {
            LOG.warning(() -> String.format("%s callback for unknown shortcode or wrong token (shortcode %.16s) from %s: answered 404, nothing stored",
                    kind, shortcode, source));
            return CompletableFuture.completedFuture(new IntakeResult(404, "{\"ResultCode\":1,\"ResultDesc\":\"Not found\"}"));
        }
        InboundRequest request;
        try {
            byte[] bytes = readAtMost(body, CallbackCheck.MAX_BODY_BYTES + 1);
            boolean truncated = bytes.length > CallbackCheck.MAX_BODY_BYTES;
            if (truncated) {
                bytes = Arrays.copyOf(bytes, CallbackCheck.MAX_BODY_BYTES);
            }
            request = new InboundRequest(kind, shortcode, source, http.getContentType(), headers(), bytes, truncated,
                    Instant.now());
        } catch (IOException e) {
            LOG.warning(() -> kind + " callback for paybill " + shortcode + ": body could not be read ("
                    + MaskedFailure.describe(e) + ")");
            return CompletableFuture.completedFuture(IntakeResult.status(400, "body could not be read"));
        }
        return writer.submit(CallbackCheck.check(request, paybill.get().allowedSources(), settings.allowedRegions()));
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
