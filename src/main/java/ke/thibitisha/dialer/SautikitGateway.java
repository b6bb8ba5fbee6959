package ke.thibitisha.dialer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import ke.thibitisha.payments.AttemptStatus;
import ke.thibitisha.platform.Settings;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.rest.client.RestClientBuilder;

import java.io.StringReader;
import java.net.URI;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import static ke.thibitisha.platform.JsonProviders.JSON;

/**
 * Talks to Sautikit and sorts its answers: placed, wallet empty, refused for good, or unavailable
 * (retried here with the same Idempotency-Key, then handed back to the dialer to re-queue).
 */
@ApplicationScoped
public class SautikitGateway {

    private static final Logger LOG = Logger.getLogger(SautikitGateway.class.getName());

    @Inject
    Settings settings;

    private volatile SautikitApi client;
    private volatile String clientBaseUrl;

    /** A call to place: the destination, the key and the voice callback reference of one attempt. */
    public record CallRequest(String to, String idempotencyKey, String callRef) {
    }

    public boolean configured() {
        return settings.sautikitApiKey().isPresent() && settings.sautikitFromNumber().isPresent();
    }

    @Retry(maxRetries = 3, delay = 400, jitter = 200, delayUnit = ChronoUnit.MILLIS,
            retryOn = SautikitUnavailableException.class)
    public PlaceResult place(CallRequest call) {
        String body = JSON.createObjectBuilder()
                .add("from", settings.sautikitFromNumber().orElseThrow())
                .add("to", JSON.createArrayBuilder().add(call.to()))
                .add("voice_callback_url", settings.appUrl() + "/api/sautikit/voice/" + call.callRef())
                .add("client_request_id", call.idempotencyKey())
                .build().toString();
        try (Response response = api().create(bearer(), call.idempotencyKey(), body)) {
            int status = response.getStatus();
            JsonObject json = json(response);
            if (status >= 200 && status < 300) {
                String callId = text(json, "call_id");
                String sessionId = text(json, "session_id");
                if (callId == null && sessionId == null) {
                    throw new SautikitUnavailableException("POST /v1/calls answered " + status + " without call_id or session_id", true);
                }
                return new PlaceResult.Placed(callId, sessionId, "true".equalsIgnoreCase(response.getHeaderString("Idempotent-Replay")));
            }
            String code = errorCode(json);
            if (status == 429 || status >= 500) {
                throw new SautikitUnavailableException("POST /v1/calls answered " + status + (code == null ? "" : " " + code),
                        status != 429 && status != 503);
            }
            return PlaceResult.refusal(status, code, errorMessage(json));
        } catch (ProcessingException e) {
            throw new SautikitUnavailableException("POST /v1/calls failed: " + rootMessage(e), !neverConnected(e));
        }
    }

    /** The call's record, or empty when Sautikit could not be asked right now. */
    public Optional<CallStatus> status(String callId) {
        try (Response response = api().get(bearer(), callId)) {
            if (response.getStatus() != 200) {
                LOG.fine(() -> "GET /v1/calls/" + callId + " answered " + response.getStatus());
                return Optional.empty();
            }
            JsonObject json = json(response);
            JsonObject call = json.containsKey("call") && json.get("call").getValueType() == JsonValue.ValueType.OBJECT
                    ? json.getJsonObject("call") : json;
            String raw = text(call, "status");
            return Optional.of(new CallStatus(AttemptStatus.fromSautikit(raw).orElse(null), raw,
                    text(call, "failure_code"), number(call, "duration_seconds") == null ? null
                    : number(call, "duration_seconds").intValue(), number(call, "cost_minor")));
        } catch (ProcessingException e) {
            LOG.fine(() -> "GET /v1/calls/" + callId + " failed: " + rootMessage(e));
            return Optional.empty();
        }
    }

    /**
     * Ends a call we no longer wait for; Sautikit answers 200 even when it had already ended.
     *
     * @return whether Sautikit confirmed the hang-up (404: it knows no such call, so none is live)
     */
    public boolean hangup(String callId) {
        try (Response response = api().hangup(bearer(), callId)) {
            int status = response.getStatus();
            LOG.info(() -> "hung up call " + callId + ": Sautikit answered " + status);
            return (status >= 200 && status < 300) || status == 404;
        } catch (ProcessingException e) {
            LOG.warning(() -> "could not hang up call " + callId + ": " + rootMessage(e));
            return false;
        }
    }

    private static boolean neverConnected(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.net.ConnectException || cause instanceof java.net.UnknownHostException) {
                return true;
            }
        }
        return false;
    }

    private SautikitApi api() {
        String baseUrl = settings.sautikitBaseUrl();
        SautikitApi current = client;
        if (current == null || !baseUrl.equals(clientBaseUrl)) {
            current = RestClientBuilder.newBuilder()
                    .baseUri(URI.create(baseUrl))
                    .connectTimeout(settings.sautikitConnectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                    .readTimeout(settings.sautikitReadTimeout().toMillis(), TimeUnit.MILLISECONDS)
                    // statuses are sorted here, not turned into exceptions
                    .property("microprofile.rest.client.disable.default.mapper", true)
                    .build(SautikitApi.class);
            client = current;
            clientBaseUrl = baseUrl;
        }
        return current;
    }

    private String bearer() {
        return "Bearer " + settings.sautikitApiKey().orElseThrow();
    }

    private static JsonObject json(Response response) {
        if (!response.hasEntity()) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        String text = response.readEntity(String.class);
        try (var reader = JSON.createReader(new StringReader(text))) {
            JsonValue value = reader.readValue();
            return value.getValueType() == JsonValue.ValueType.OBJECT ? value.asJsonObject() : JsonValue.EMPTY_JSON_OBJECT;
        } catch (RuntimeException e) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
    }

    /** {@code {"error":{"code":…}}}, or the bare {@code {"code":…}} some endpoints use. */
    private static String errorCode(JsonObject json) {
        if (json.get("error") instanceof JsonObject error) {
            return text(error, "code");
        }
        return text(json, "code");
    }

    private static String errorMessage(JsonObject json) {
        if (json.get("error") instanceof JsonObject error) {
            return text(error, "message");
        }
        return text(json, "message");
    }

    private static String text(JsonObject json, String key) {
        JsonValue value = json.get(key);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        return value instanceof jakarta.json.JsonString s ? s.getString() : value.toString();
    }

    private static Long number(JsonObject json, String key) {
        JsonValue value = json.get(key);
        if (value instanceof jakarta.json.JsonNumber n) {
            return n.bigDecimalValue().setScale(0, java.math.RoundingMode.CEILING).longValue();
        }
        return null;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
