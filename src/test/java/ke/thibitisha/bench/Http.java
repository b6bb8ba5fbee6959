package ke.thibitisha.bench;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import ke.thibitisha.sim.DaemonThreads;
import ke.thibitisha.sim.SimHttp;
import ke.thibitisha.sim.SimJson;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;

/** A JDK HTTP client that only talks to this machine. */
final class Http {

    /** A status and body; {@code json()} parses the body. */
    record Reply(int status, String body) {
        JsonValue json() {
            return SimJson.parse(body);
        }

        JsonObject object() {
            return SimJson.parseObject(body);
        }
    }

    private final HttpClient client;
    private final Duration timeout;

    Http(String name, Duration timeout) {
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .executor(Executors.newCachedThreadPool(DaemonThreads.named(name)))
                .build();
        this.timeout = timeout;
    }

    Reply get(String url, Map<String, String> headers) throws IOException {
        return send(request(url, headers).GET().build());
    }

    Reply post(String url, String contentType, String body, Map<String, String> headers) throws IOException {
        return send(request(url, headers).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    CompletableFuture<HttpResponse<String>> postAsync(String url, String contentType, String body) {
        return client.sendAsync(request(url, Map.of()).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private Reply send(HttpRequest request) throws IOException {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private HttpRequest.Builder request(String url, Map<String, String> headers) {
        URI uri = URI.create(url);
        if (!SimHttp.isLoopback(uri)) {
            throw new IllegalArgumentException("the bench only talks to this machine, not " + url);
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(timeout);
        headers.forEach(builder::header);
        return builder;
    }
}
