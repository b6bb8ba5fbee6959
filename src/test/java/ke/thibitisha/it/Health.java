package ke.thibitisha.it;

import jakarta.json.JsonObject;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;

/** Reads {@code :9990/health/ready} as a load balancer would. */
final class Health {

    private Health() {
    }

    static JsonObject ready() {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:9990/health/ready")).build(), HttpResponse.BodyHandlers.ofString());
            return App.json(response.body());
        } catch (Exception e) {
            throw new IllegalStateException("health/ready unreadable", e);
        }
    }

    static Optional<JsonObject> check(String name) {
        return ready().getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(c -> name.equals(c.getString("name"))).findFirst();
    }
}
