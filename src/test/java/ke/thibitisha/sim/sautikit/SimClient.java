package ke.thibitisha.sim.sautikit;

import jakarta.json.JsonObject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The app's side of the Sautikit API in the simulator's tests: a bearer-keyed JSON client. */
final class SimClient {

    static final String KEY = "test-key";
    static final String FROM = "+254711000000";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String baseUrl;

    SimClient(SautikitSimulator sim) {
        this.baseUrl = sim.baseUrl();
    }

    static String body(String to) {
        return "{\"from\":\"" + FROM + "\",\"to\":[\"" + to + "\"]}";
    }

    static String body(String to, String callbackUrl) {
        return "{\"from\":\"" + FROM + "\",\"to\":[\"" + to + "\"],\"voice_callback_url\":\"" + callbackUrl
                + "\",\"client_request_id\":\"pay-42-1\"}";
    }

    HttpResponse<String> create(String body, String idempotencyKey) {
        HttpRequest.Builder request = request("/v1/calls").POST(HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return send(request.build());
    }

    /** Creates a call and returns its call_id, failing unless the answer is 201. */
    String createOk(String body) {
        HttpResponse<String> response = create(body, null);
        if (response.statusCode() != 201) {
            throw new AssertionError("expected 201, got " + response.statusCode() + " " + response.body());
        }
        return FakeApp.json(response.body()).getString("call_id");
    }

    HttpResponse<String> post(String path, String body, String... headers) {
        HttpRequest.Builder request = request(path).POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.build());
    }

    HttpResponse<String> get(String path) {
        return send(request(path).GET().build());
    }

    /** GET /v1/calls/{id} → the "call" object. */
    JsonObject call(String id) {
        HttpResponse<String> response = get("/v1/calls/" + id);
        if (response.statusCode() != 200) {
            throw new AssertionError("GET call answered " + response.statusCode() + " " + response.body());
        }
        return FakeApp.json(response.body()).getJsonObject("call");
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + KEY)
                .header("Content-Type", "application/json");
    }

    /** The error code of an envelope body. */
    static String errorCode(HttpResponse<String> response) {
        return FakeApp.json(response.body()).getJsonObject("error").getString("code");
    }
}
