package ke.thibitisha.verification;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.time.Duration;
import java.time.Instant;
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
    /** After a failed fetch, threads that queued behind it fail at once for this long instead of each asking again. */
    private static final Duration FAILURE_MEMORY = Duration.ofSeconds(5);

    private record Token(String value, Instant refreshAt) {
    }

    /** Daraja's answer to one {@code GET /oauth/v1/generate}. */
    record OAuthReply(int status, JsonObject body) {
    }

    /** Sends one OAuth request; throws when Daraja could not be reached. */
    @FunctionalInterface
    interface OAuthRequest {
        OAuthReply send() throws DarajaUnavailableException;
    }

    private final AtomicReference<Token> current = new AtomicReference<>();
    private final Object refreshing = new Object();
    private DarajaUnavailableException lastFailure;
    private Instant lastFailureAt = Instant.MIN;

    String token(OAuthRequest request) throws DarajaUnavailableException {
        Token token = current.get();
        if (token != null && Instant.now().isBefore(token.refreshAt())) {
            return token.value();
        }
        synchronized (refreshing) {
            token = current.get();
            if (token != null && Instant.now().isBefore(token.refreshAt())) {
                return token.value();
            }
            if (lastFailure != null && Instant.now().isBefore(lastFailureAt.plus(FAILURE_MEMORY))) {
                throw lastFailure;
            }
            try {
                token = fetch(request);
            } catch (DarajaUnavailableException e) {
                lastFailure = e;
                lastFailureAt = Instant.now();
                throw e;
            }
            lastFailure = null;
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

    private static Token fetch(OAuthRequest request) throws DarajaUnavailableException {
        OAuthReply reply = request.send();
        JsonObject json = reply.body();
        String value = json.get("access_token") instanceof JsonString s ? s.getString() : null;
        Long expiresIn = seconds(json.get("expires_in"));
        if (reply.status() != 200 || value == null || value.isBlank() || expiresIn == null) {
            String code = json.get("errorCode") instanceof JsonString s ? s.getString() : "oauth_http_" + reply.status();
            LOG.warning(() -> "Daraja OAuth answered " + reply.status() + " (" + code
                    + "): check DARAJA_CONSUMER_KEY and DARAJA_CONSUMER_SECRET");
            throw new DarajaUnavailableException(code, "no OAuth token: HTTP " + reply.status());
        }
        Duration lifetime = Duration.ofSeconds(expiresIn);
        Duration margin = lifetime.dividedBy(10).compareTo(MAX_MARGIN) < 0 ? lifetime.dividedBy(10) : MAX_MARGIN;
        LOG.info(() -> "Daraja OAuth token obtained, valid " + lifetime.toSeconds() + " s");
        return new Token(value, Instant.now().plus(lifetime).minus(margin));
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
