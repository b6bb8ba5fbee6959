package ke.thibitisha.verification;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.core.Response;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;

/**
 * The Daraja OAuth token (daraja.md §4), cached until shortly before it expires. One thread refreshes it while
 * the others wait for that refresh instead of asking Daraja too (the docs say a new token may invalidate the
 * previous one).
 */
@ApplicationScoped
class DarajaTokens {

    private static final Logger LOG = Logger.getLogger(DarajaTokens.class.getName());
    private static final Duration MAX_MARGIN = Duration.ofSeconds(60);

    private record Token(String value, Instant refreshAt) {
    }

    private final AtomicReference<Token> current = new AtomicReference<>();
    private final Object refreshing = new Object();

    String token(DarajaApi api, String consumerKey, String consumerSecret) throws DarajaUnavailableException {
        Token token = current.get();
        if (token != null && Instant.now().isBefore(token.refreshAt())) {
            return token.value();
        }
        synchronized (refreshing) {
            token = current.get();
            if (token != null && Instant.now().isBefore(token.refreshAt())) {
                return token.value();
            }
            token = fetch(api, consumerKey, consumerSecret);
            current.set(token);
            return token.value();
        }
    }

    /** Forgets a token Daraja refused (404.001.03), unless another thread has already replaced it. */
    void refused(String value) {
        Token token = current.get();
        if (token != null && token.value().equals(value)) {
            current.compareAndSet(token, null);
        }
    }

    private static Token fetch(DarajaApi api, String consumerKey, String consumerSecret) throws DarajaUnavailableException {
        String basic = "Basic " + Base64.getEncoder().encodeToString((consumerKey + ":" + consumerSecret)
                .getBytes(StandardCharsets.UTF_8));
        try (Response response = api.token(basic, "client_credentials")) {
            JsonObject json = DarajaGateway.json(response);
            String value = json.get("access_token") instanceof JsonString s ? s.getString() : null;
            Long expiresIn = seconds(json.get("expires_in"));
            if (response.getStatus() != 200 || value == null || value.isBlank() || expiresIn == null) {
                String code = json.get("errorCode") instanceof JsonString s ? s.getString() : "oauth_http_" + response.getStatus();
                LOG.warning(() -> "Daraja OAuth answered " + response.getStatus() + " (" + code
                        + "): check DARAJA_CONSUMER_KEY and DARAJA_CONSUMER_SECRET");
                throw new DarajaUnavailableException(code, "no OAuth token: HTTP " + response.getStatus());
            }
            Duration lifetime = Duration.ofSeconds(expiresIn);
            Duration margin = lifetime.dividedBy(10).compareTo(MAX_MARGIN) < 0 ? lifetime.dividedBy(10) : MAX_MARGIN;
            LOG.info(() -> "Daraja OAuth token obtained, valid " + lifetime.toSeconds() + " s");
            return new Token(value, Instant.now().plus(lifetime).minus(margin));
        } catch (jakarta.ws.rs.ProcessingException e) {
            throw new DarajaUnavailableException(DarajaGateway.failureCode(e), "no OAuth token: " + DarajaGateway.rootMessage(e));
        }
    }

    /** {@code expires_in} is a string in real answers and a number in the 2025 docs (daraja.md §4). */
    private static Long seconds(JsonValue value) {
        try {
            if (value instanceof JsonString s) {
                return Long.parseLong(s.getString().trim());
            }
            if (value instanceof JsonNumber n) {
                return n.longValue();
            }
        } catch (NumberFormatException e) {
            return null;
        }
        return null;
    }
}
