package ke.thibitisha.sim.sautikit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonValue;
import ke.thibitisha.sim.SimHttp;
import ke.thibitisha.sim.SimJson;

import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The simulator's own HTTP control plane under {@code /_sim/}, for runs outside the JUnit JVM. No auth, no faults.
 * Parameters go in the query string:
 * <pre>
 * GET  /_sim/state                                  in flight, peak, counts, wallet, violations
 * GET  /_sim/calls                                  every call with its documents, digits and dialled numbers
 * GET  /_sim/requests                               every POST /v1/calls received and the status it got
 * GET  /_sim/events                                 every event delivery attempt
 * POST /_sim/script?to=%2B2547...&amp;spec=answer:100:400:1   (to=default for unscripted numbers)
 * POST /_sim/faults?failNext=2&amp;status=503&amp;slowMs=200&amp;drop=1
 * POST /_sim/events?dropAll=&amp;duplicateEach=&amp;outOfOrder=&amp;staleTimestamps=&amp;wrongSecret=&amp;scheme=A|B
 * POST /_sim/config?maxConcurrentCalls=10&amp;balanceMinor=0&amp;encoding=FORM|JSON
 * POST /_sim/reset
 * </pre>
 */
final class ControlApi implements HttpHandler {

    private final SautikitSimulator sim;

    ControlApi(SautikitSimulator sim) {
        this.sim = sim;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        SimHttp.readBody(exchange);
        Map<String, String> query = SimHttp.parseForm(exchange.getRequestURI().getRawQuery());
        String route = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
        try {
            String json = switch (route) {
                case "GET /_sim/state" -> state();
                case "GET /_sim/calls" -> calls();
                case "GET /_sim/requests" -> requests();
                case "GET /_sim/events" -> events();
                case "POST /_sim/script" -> script(query);
                case "POST /_sim/faults" -> faults(query);
                case "POST /_sim/events" -> eventSwitches(query);
                case "POST /_sim/config" -> config(query);
                case "POST /_sim/reset" -> {
                    sim.reset();
                    yield ok();
                }
                default -> null;
            };
            if (json == null) {
                SimHttp.respondJson(exchange, 404, ApiResponse.error(404, "route.not_found", route).body());
            } else {
                SimHttp.respondJson(exchange, 200, json);
            }
        } catch (IllegalArgumentException e) {
            SimHttp.respondJson(exchange, 400, ApiResponse.error(400, "control.invalid", e.getMessage()).body());
        }
    }

    private String state() {
        JsonArrayBuilder violations = SimJson.array();
        sim.documentViolations().forEach(violations::add);
        return SimJson.object()
                .add("in_flight", sim.inFlight())
                .add("max_in_flight", sim.maxInFlight())
                .add("calls", sim.calls().size())
                .add("create_requests", sim.createRequests().size())
                .add("balance_minor", sim.wallet().balanceMinor())
                .add("events_delivered", sim.events().delivered().size())
                .add("violations", violations)
                .build().toString();
    }

    private String calls() {
        JsonArrayBuilder calls = SimJson.array();
        for (SimCall call : sim.calls()) {
            JsonArrayBuilder documents = SimJson.array();
            call.documents().forEach(documents::add);
            calls.add(SimJson.object()
                    .add("call", CallJson.of(call, sim.workspaceId()))
                    .add("idempotency_key", nullable(call.idempotencyKey()))
                    .add("voice_callback_url", nullable(call.voiceCallbackUrl()))
                    .add("documents", documents)
                    .add("digits_sent", SimJson.array(call.digitsSent()))
                    .add("dialed", SimJson.array(call.dialed())));
        }
        return SimJson.object().add("calls", calls).build().toString();
    }

    private String requests() {
        JsonArrayBuilder requests = SimJson.array();
        for (RecordedRequest request : sim.createRequests()) {
            requests.add(SimJson.object()
                    .add("path", request.path())
                    .add("idempotency_key", nullable(request.header("Idempotency-Key")))
                    .add("status", request.status())
                    .add("replayed", request.replayed())
                    .add("body", request.body())
                    .add("received_at", Ids.rfc3339(request.receivedAt())));
        }
        return SimJson.object().add("requests", requests).build().toString();
    }

    private String events() {
        JsonArrayBuilder attempts = SimJson.array();
        for (EventPublisher.Attempt attempt : sim.events().attempts()) {
            attempts.add(SimJson.object()
                    .add("event_id", attempt.eventId())
                    .add("kind", attempt.kind())
                    .add("call_id", attempt.callId())
                    .add("attempt", attempt.attempt())
                    .add("status", attempt.status())
                    .add("dead_lettered", attempt.deadLettered()));
        }
        return SimJson.object().add("attempts", attempts).build().toString();
    }

    private String script(Map<String, String> query) {
        // a literal + in a query string decodes to a space: accept %2B2547..., +2547... and 2547...
        String to = required(query, "to").trim();
        if (!to.equals("default") && !to.startsWith("+")) {
            to = "+" + to;
        }
        CallScript script = CallScript.parse(required(query, "spec"));
        if (to.equals("default")) {
            sim.defaultScript(script);
        } else {
            sim.script(to, script);
        }
        return ok();
    }

    private String faults(Map<String, String> query) {
        if (query.containsKey("failNext")) {
            sim.failNext(Integer.parseInt(query.get("failNext")), Integer.parseInt(query.getOrDefault("status", "503")));
        }
        if (query.containsKey("slowMs")) {
            sim.slowResponses(Duration.ofMillis(Long.parseLong(query.get("slowMs"))));
        }
        if (query.containsKey("drop")) {
            sim.dropConnections(Integer.parseInt(query.get("drop")));
        }
        return ok();
    }

    private String eventSwitches(Map<String, String> query) {
        EventPublisher events = sim.events();
        flag(query, "dropAll").ifPresent(events::dropAll);
        flag(query, "duplicateEach").ifPresent(events::duplicateEach);
        flag(query, "outOfOrder").ifPresent(events::outOfOrder);
        flag(query, "staleTimestamps").ifPresent(events::staleTimestamps);
        flag(query, "wrongSecret").ifPresent(events::wrongSecret);
        if (query.containsKey("scheme")) {
            events.scheme(SignatureScheme.valueOf(query.get("scheme").toUpperCase(Locale.ROOT)));
        }
        return ok();
    }

    private String config(Map<String, String> query) {
        if (query.containsKey("maxConcurrentCalls")) {
            sim.maxConcurrentCalls(Integer.parseInt(query.get("maxConcurrentCalls")));
        }
        if (query.containsKey("balanceMinor")) {
            sim.wallet().setBalanceMinor(Long.parseLong(query.get("balanceMinor")));
        }
        if (query.containsKey("encoding")) {
            sim.voiceCallbackEncoding(Encoding.valueOf(query.get("encoding").toUpperCase(Locale.ROOT)));
        }
        return ok();
    }

    private static Optional<Boolean> flag(Map<String, String> query, String name) {
        return query.containsKey(name)
                ? Optional.of(!query.get(name).equals("false"))
                : Optional.empty();
    }

    private static String required(Map<String, String> query, String name) {
        String value = query.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("missing query parameter " + name);
        }
        return value;
    }

    private static JsonValue nullable(String value) {
        return value == null ? JsonValue.NULL : SimJson.string(value);
    }

    private static String ok() {
        return "{\"ok\":true}";
    }
}
