package ke.thibitisha.sim.sautikit;

import jakarta.json.JsonObjectBuilder;
import ke.thibitisha.sim.SimHttp;
import ke.thibitisha.sim.SimJson;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Sends the voice callback requests: POST in the selected encoding (form by default), or GET with the fields in the
 * query when a redirect asks for it. Signed like the events when a secret is configured (the docs say every webhook
 * POST carries {@code X-Sautikit-Signature}; whether voice callbacks do is a GAP, and an unchecked header is harmless).
 */
final class VoiceCallbackClient {

    private final HttpClient http;
    private final Clock clock;
    private final EventPublisher signing;
    private final Duration timeout;
    private volatile Encoding encoding;

    VoiceCallbackClient(HttpClient http, Clock clock, EventPublisher signing, Duration timeout, Encoding encoding) {
        this.http = http;
        this.clock = clock;
        this.signing = signing;
        this.timeout = timeout;
        this.encoding = encoding;
    }

    void encoding(Encoding encoding) {
        this.encoding = encoding;
    }

    Encoding encoding() {
        return encoding;
    }

    CompletableFuture<HttpResponse<String>> send(URI url, String method, Map<String, String> fields) {
        HttpRequest.Builder request;
        String body = "";
        if ("GET".equalsIgnoreCase(method)) {
            String query = SimHttp.formEncode(fields);
            String separator = url.getRawQuery() == null ? "?" : "&";
            request = HttpRequest.newBuilder(URI.create(url + separator + query)).GET();
        } else {
            Encoding chosen = encoding;
            body = chosen == Encoding.JSON ? json(fields) : SimHttp.formEncode(fields);
            request = HttpRequest.newBuilder(url)
                    .header("Content-Type", chosen.contentType())
                    .POST(HttpRequest.BodyPublishers.ofString(body));
        }
        request.timeout(timeout).header("Accept", "application/json");
        String secret = signing.secret();
        if (secret != null) {
            request.header("X-Sautikit-Signature",
                    Signatures.sign(signing.scheme(), secret, body, clock.instant().getEpochSecond()));
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String json(Map<String, String> fields) {
        JsonObjectBuilder object = SimJson.object();
        fields.forEach(object::add);
        return object.build().toString();
    }
}
