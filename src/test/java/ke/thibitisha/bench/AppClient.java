package ke.thibitisha.bench;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Thibitisha's HTTP surface as the bench uses it: the STK callback URL and the operations API. */
final class AppClient {

    static final String SHORTCODE = "174379";
    static final String TOKEN = "bench-token";
    static final String OPS_USER = "bench-ops";
    static final String OPS_PASSWORD = "Bench-Passw0rd!";
    /** Payment statuses that still need work from the dialer. */
    static final List<String> UNSETTLED = List.of("RECEIVED", "QUEUED", "DIALING", "ANSWERED", "RETRY_SCHEDULED",
            "VERIFYING");
    private static final int PAGE = 500;
    private static final int MAX_PAYMENTS = 1_000_000;

    private final String base;
    private final Map<String, String> auth;
    private final Http callbacks = new Http("bench-callbacks", Duration.ofSeconds(30));
    private final Http ops = new Http("bench-ops", Duration.ofSeconds(60));
    // stats and the settled check are polled: a server that is restarting must not hold the poller up
    private final Http probe = new Http("bench-probe", Duration.ofSeconds(3));

    AppClient(int httpPort) {
        this.base = "http://127.0.0.1:" + httpPort + "/thibitisha";
        this.auth = Map.of("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((OPS_USER + ":" + OPS_PASSWORD).getBytes(StandardCharsets.UTF_8)));
    }

    String baseUrl() {
        return base;
    }

    String eventsUrl() {
        return base + "/api/sautikit/events";
    }

    /** Posts an STK result callback as Daraja does; completes with the HTTP status (exceptionally when no answer). */
    CompletableFuture<Integer> stkCallback(String body) {
        return callbacks.postAsync(base + "/api/daraja/" + SHORTCODE + "/" + TOKEN + "/stk",
                "application/json;charset=UTF-8", body).thenApply(response -> response.statusCode());
    }

    JsonObject stats() {
        try {
            Http.Reply reply = probe.get(base + "/api/stats", auth);
            check(reply, "/api/stats");
            return reply.object();
        } catch (IOException e) {
            throw new UncheckedIOException("app unreachable: GET /api/stats", e);
        }
    }

    /** GET /api/payments/{ref}: by id, receipt or CheckoutRequestID. */
    Optional<JsonObject> payment(String ref) {
        try {
            Http.Reply reply = ops.get(base + "/api/payments/" + ref, auth);
            if (reply.status() == 404) {
                return Optional.empty();
            }
            check(reply, "/api/payments/" + ref);
            return Optional.of(reply.object());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every payment in the database (up to a million), through the paged list (newest first). */
    List<JsonObject> allPayments() {
        List<JsonObject> all = new ArrayList<>();
        for (int offset = 0; offset < MAX_PAYMENTS; offset += PAGE) {
            JsonArray page = get("/api/payments?limit=" + PAGE + "&offset=" + offset).asJsonArray();
            page.forEach(p -> all.add(p.asJsonObject()));
            if (page.size() < PAGE) {
                return all;
            }
        }
        throw new IllegalStateException("more than " + MAX_PAYMENTS + " payments: wipe the data directory");
    }

    /** True when no payment waits for or is in a call; false also while the app does not answer. */
    boolean settled() {
        try {
            for (String status : UNSETTLED) {
                Http.Reply reply = probe.get(base + "/api/payments?limit=1&status=" + status, auth);
                if (reply.status() != 200 || !reply.json().asJsonArray().isEmpty()) {
                    return false;
                }
            }
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Polls {@link #settled()} every 500 ms; false when the deadline ({@link System#nanoTime()}) passes first. */
    boolean awaitSettled(long deadlineNanos) {
        while (System.nanoTime() < deadlineNanos) {
            if (settled()) {
                return true;
            }
            Pause.millis(500);
        }
        return false;
    }

    private JsonValue get(String path) {
        try {
            Http.Reply reply = ops.get(base + path, auth);
            check(reply, path);
            return reply.json();
        } catch (IOException e) {
            throw new UncheckedIOException("app unreachable: GET " + path, e);
        }
    }

    private static void check(Http.Reply reply, String path) {
        if (reply.status() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + reply.status() + ": " + reply.body());
        }
    }
}
