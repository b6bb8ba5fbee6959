package ke.thibitisha.bench;

import jakarta.json.JsonObject;
import ke.thibitisha.sim.SimHttp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** The simulator's HTTP control plane ({@code /_sim/}), as seen from the harness JVM. */
final class SimControl {

    private final String base;
    private final Http http = new Http("bench-sim", Duration.ofSeconds(60));

    SimControl(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    String baseUrl() {
        return base;
    }

    boolean reachable() {
        try {
            return http.get(base + "/_sim/state", Map.of()).status() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    /** in_flight, max_in_flight, calls, create_requests, violations, … */
    JsonObject state() {
        return get("/_sim/state");
    }

    /** Every call so far and every POST /v1/calls received; the raw JSON is kept as {@code <prefix>-calls.json} etc. */
    DialLog dialLog(Path prefix) {
        JsonObject calls = get("/_sim/calls");
        JsonObject requests = get("/_sim/requests");
        try {
            Files.writeString(Path.of(prefix + "-calls.json"), calls.toString());
            Files.writeString(Path.of(prefix + "-requests.json"), requests.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return DialLog.of(calls, requests);
    }

    /** What unscripted numbers do, e.g. {@code answer:0:1000:1}. */
    void defaultScript(String spec) {
        post("/_sim/script?to=default&spec=" + SimHttp.encode(spec));
    }

    /** Every /v1 request answers {@code status} without being processed, until {@link #healthy()}. */
    void failEverything(int status) {
        post("/_sim/faults?failNext=" + Integer.MAX_VALUE + "&status=" + status);
    }

    /** Every /v1 answer is held back this long (the request is processed first). */
    void slowAnswers(Duration delay) {
        post("/_sim/faults?slowMs=" + delay.toMillis());
    }

    /** Clears the failures and delays. */
    void healthy() {
        post("/_sim/faults?failNext=0&slowMs=0&drop=0");
    }

    /** Forgets calls, requests, peak in-flight, scripts and faults. */
    void reset() {
        post("/_sim/reset");
    }

    private JsonObject get(String path) {
        try {
            Http.Reply reply = http.get(base + path, Map.of());
            if (reply.status() != 200) {
                throw new IllegalStateException("GET " + path + " answered " + reply.status() + ": " + reply.body());
            }
            return reply.object();
        } catch (IOException e) {
            throw new UncheckedIOException("simulator unreachable: GET " + path, e);
        }
    }

    private void post(String path) {
        try {
            Http.Reply reply = http.post(base + path, "application/json", "", Map.of());
            if (reply.status() != 200) {
                throw new IllegalStateException("POST " + path + " answered " + reply.status() + ": " + reply.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("simulator unreachable: POST " + path, e);
        }
    }
}
