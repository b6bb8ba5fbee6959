package ke.thibitisha.verification;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.RestClientBuilder;

import java.io.StringReader;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

import static ke.thibitisha.platform.JsonProviders.JSON;

/** Asks Daraja's STK Push Query about one payment and sorts the answer; never throws for what Daraja does. */
@ApplicationScoped
public class DarajaGateway {

    @Inject
    DarajaSettings settings;
    @Inject
    DarajaTokens tokens;

    private volatile DarajaApi client;
    private volatile String clientBaseUrl;

    QueryAnswer query(String shortcode, String checkoutRequestId) {
        try {
            DarajaApi api = api();
            String token = tokens.token(() -> oauth(api));
            QueryAnswer answer = ask(api, token, shortcode, checkoutRequestId);
            if (QueryAnswer.INVALID_TOKEN.equals(answer.code())) {
                // revoked or replaced before its time: one fresh token, one more try
                tokens.refused(token);
                token = tokens.token(() -> oauth(api));
                answer = ask(api, token, shortcode, checkoutRequestId);
            }
            return answer;
        } catch (DarajaUnavailableException e) {
            return QueryAnswer.noAnswer(e.code(), e.getMessage());
        }
    }

    private DarajaTokens.OAuthReply oauth(DarajaApi api) throws DarajaUnavailableException {
        String basic = "Basic " + Base64.getEncoder().encodeToString((settings.consumerKey().orElseThrow() + ":"
                + settings.consumerSecret().orElseThrow()).getBytes(StandardCharsets.UTF_8));
        try (Response response = api.token(basic, "client_credentials")) {
            return new DarajaTokens.OAuthReply(response.getStatus(), json(response));
        } catch (ProcessingException e) {
            throw new DarajaUnavailableException(failureCode(e), "no OAuth token: " + rootMessage(e));
        }
    }

    private QueryAnswer ask(DarajaApi api, String token, String shortcode, String checkoutRequestId) {
        DarajaPassword password = DarajaPassword.of(shortcode, settings.passkey(shortcode).orElseThrow(), Instant.now());
        String body = JSON.createObjectBuilder()
                .add("BusinessShortCode", shortcode)
                .add("Password", password.password())
                .add("Timestamp", password.timestamp())
                .add("CheckoutRequestID", checkoutRequestId)
                .build().toString();
        try (Response response = api.stkPushQuery("Bearer " + token, body)) {
            return QueryAnswer.of(response.getStatus(), json(response));
        } catch (ProcessingException e) {
            return QueryAnswer.noAnswer(failureCode(e), rootMessage(e));
        }
    }

    /** One client for every verifier thread (built once: racing threads each built one and leaked the losers). */
    private synchronized DarajaApi api() {
        String baseUrl = settings.baseUrl();
        DarajaApi current = client;
        if (current == null || !baseUrl.equals(clientBaseUrl)) {
            current = RestClientBuilder.newBuilder()
                    .baseUri(URI.create(baseUrl))
                    .connectTimeout(settings.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                    .readTimeout(settings.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                    // statuses are sorted here, not turned into exceptions
                    .property("microprofile.rest.client.disable.default.mapper", true)
                    .build(DarajaApi.class);
            client = current;
            clientBaseUrl = baseUrl;
        }
        return current;
    }

    static JsonObject json(Response response) {
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

    static String failureCode(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SocketTimeoutException || cause instanceof java.net.http.HttpTimeoutException
                    || cause.getClass().getSimpleName().contains("Timeout")) {
                return "timeout";
            }
        }
        return "connection_error";
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
