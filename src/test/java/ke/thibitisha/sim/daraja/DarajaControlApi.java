package ke.thibitisha.sim.daraja;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import ke.thibitisha.sim.SimHttp;
import ke.thibitisha.sim.SimJson;

import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * The Daraja simulator's HTTP control plane under {@code /_sim/daraja/}, for runs outside the JVM that started it.
 * Parameters go in the query string:
 * <pre>
 * POST /_sim/daraja/know?id=ws_CO_...&amp;code=0&amp;pending=2&amp;style=STILL_PROCESSING|BEING_PROCESSED
 * POST /_sim/daraja/forget?id=ws_CO_...
 * POST /_sim/daraja/config?latencyMs=300&amp;spikeArrestPerSecond=20&amp;quota=0&amp;flakyEvery=0&amp;knowUnlisted=false&amp;numericCodes=false&amp;tokenLifetimeSeconds=3599
 * POST /_sim/daraja/expire-tokens
 * POST /_sim/daraja/reset
 * GET  /_sim/daraja/state                 queries, tokens issued, answers by code
 * GET  /_sim/daraja/queries?id=ws_CO_...  the queries about one payment (all without id)
 * </pre>
 */
final class DarajaControlApi implements HttpHandler {

    private final DarajaApiSimulator sim;

    DarajaControlApi(DarajaApiSimulator sim) {
        this.sim = sim;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        SimHttp.readBody(exchange);
        Map<String, String> query = SimHttp.parseForm(exchange.getRequestURI().getRawQuery());
        String route = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
        try {
            String json = switch (route) {
                case "POST /_sim/daraja/know" -> {
                    sim.know(required(query, "id"), query.getOrDefault("code", "0"),
                            Integer.parseInt(query.getOrDefault("pending", "0")),
                            DarajaApiSimulator.Pending.valueOf(query.getOrDefault("style", "STILL_PROCESSING")
                                    .toUpperCase(Locale.ROOT)));
                    yield ok();
                }
                case "POST /_sim/daraja/forget" -> {
                    sim.forget(required(query, "id"));
                    yield ok();
                }
                case "POST /_sim/daraja/config" -> config(query);
                case "POST /_sim/daraja/expire-tokens" -> {
                    sim.expireTokens();
                    yield ok();
                }
                case "POST /_sim/daraja/reset" -> {
                    sim.reset();
                    yield ok();
                }
                case "GET /_sim/daraja/state" -> state();
                case "GET /_sim/daraja/queries" -> queries(query.get("id"));
                default -> null;
            };
            if (json == null) {
                SimHttp.respondJson(exchange, 404, "{\"error\":\"no route " + route + "\"}");
            } else {
                SimHttp.respondJson(exchange, 200, json);
            }
        } catch (IllegalArgumentException e) {
            SimHttp.respondJson(exchange, 400, SimJson.object().add("error", String.valueOf(e.getMessage())).build().toString());
        }
    }

    private String config(Map<String, String> query) {
        if (query.containsKey("latencyMs")) {
            sim.latency(Duration.ofMillis(Long.parseLong(query.get("latencyMs"))));
        }
        if (query.containsKey("spikeArrestPerSecond")) {
            sim.spikeArrestPerSecond(Integer.parseInt(query.get("spikeArrestPerSecond")));
        }
        if (query.containsKey("quota")) {
            sim.quota(Long.parseLong(query.get("quota")));
        }
        if (query.containsKey("flakyEvery")) {
            sim.flakyEvery(Integer.parseInt(query.get("flakyEvery")));
        }
        if (query.containsKey("knowUnlisted")) {
            sim.knowUnlisted(Boolean.parseBoolean(query.get("knowUnlisted")));
        }
        if (query.containsKey("numericCodes")) {
            sim.numericCodes(Boolean.parseBoolean(query.get("numericCodes")));
        }
        if (query.containsKey("tokenLifetimeSeconds")) {
            sim.tokenLifetime(Duration.ofSeconds(Long.parseLong(query.get("tokenLifetimeSeconds"))));
        }
        return ok();
    }

    private String state() {
        JsonObjectBuilder answers = SimJson.object();
        sim.answersByCode().forEach(answers::add);
        return SimJson.object().add("queries", sim.queries().size()).add("tokens_issued", sim.tokensIssued())
                .add("answers", answers).build().toString();
    }

    private String queries(String id) {
        JsonArrayBuilder list = SimJson.array();
        (id == null ? sim.queries() : sim.queriesFor(id)).forEach(q -> list.add(SimJson.object()
                .add("at", q.at().toString()).add("id", q.checkoutRequestId() == null ? "" : q.checkoutRequestId())
                .add("status", q.status()).add("code", q.code())));
        return SimJson.object().add("queries", list).build().toString();
    }

    private static String required(Map<String, String> query, String name) {
        String value = query.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }

    private static String ok() {
        return "{\"ok\":true}";
    }
}
