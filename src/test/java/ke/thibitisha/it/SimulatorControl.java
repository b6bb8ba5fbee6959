package ke.thibitisha.it;

import jakarta.json.JsonObject;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The Sautikit simulator's HTTP control plane ({@code /_sim}), for tests that run inside the server and so cannot
 * reach the simulator's Java API in the test JVM.
 */
final class SimulatorControl {

    private static final String BASE = "http://127.0.0.1:18089/_sim";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private SimulatorControl() {
    }

    /** How calls to this number go, e.g. {@code answer:100:300:1}. */
    static void script(String msisdn, String spec) {
        send("POST", "/script?to=" + URLEncoder.encode("+" + msisdn, StandardCharsets.UTF_8) + "&spec=" + spec);
    }

    /** Every {@code POST /v1/calls} the simulator received that mentions this number. */
    static List<JsonObject> requestsFor(String msisdn) {
        return App.json(send("GET", "/requests")).getJsonArray("requests").getValuesAs(JsonObject.class).stream()
                .filter(r -> r.getString("body").contains(msisdn)).toList();
    }

    /** How many calls the simulator created to this number. */
    static long callsTo(String msisdn) {
        return App.json(send("GET", "/calls")).getJsonArray("calls").getValuesAs(JsonObject.class).stream()
                .filter(c -> c.toString().contains(msisdn)).count();
    }

    /** The simulator's counters: {@code in_flight}, {@code max_in_flight}, {@code calls}, … */
    static JsonObject state() {
        return App.json(send("GET", "/state"));
    }

    /** Forgets every call, request, script and counter (the highest number in flight included). */
    static void reset() {
        send("POST", "/reset");
    }

    private static String send(String method, String path) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(BASE + path))
                    .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + " " + response.body());
            }
            return response.body();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
