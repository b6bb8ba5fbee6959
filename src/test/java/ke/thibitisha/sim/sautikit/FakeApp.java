package ke.thibitisha.sim.sautikit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import ke.thibitisha.sim.DaemonThreads;
import ke.thibitisha.sim.SimHttp;
import ke.thibitisha.sim.SimJson;

import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A stand-in for Thibitisha in the simulator's own tests: a JDK HTTP server that answers voice callbacks with a
 * scripted document (any path but /events) and records the events posted to /events, answering 200 unless told
 * to fail some deliveries of a kind.
 */
final class FakeApp implements AutoCloseable {

    static final String CONFIRM_DOCUMENT = """
            {"actions":[{"say":{"text":"You paid KES 1,500","language":"en-KE"}},\
            {"getDigits":{"numDigits":1,"timeout":8,"nested":[{"say":{"text":"Press 1 to confirm"}}]}},\
            {"hangup":{}}]}""";
    static final String HANGUP_DOCUMENT = "{\"actions\":[{\"say\":{\"text\":\"Thank you\"}},{\"hangup\":{}}]}";

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(DaemonThreads.named("fake-app"));
    private final List<RecordedRequest> voiceRequests = new CopyOnWriteArrayList<>();
    private final List<RecordedRequest> eventRequests = new CopyOnWriteArrayList<>();
    private final Map<String, int[]> eventFailures = new ConcurrentHashMap<>();
    private volatile Function<RecordedRequest, String> voiceResponder =
            request -> fields(request).containsKey("Digits") ? HANGUP_DOCUMENT : CONFIRM_DOCUMENT;
    private volatile int voiceStatus = 200;

    private FakeApp() {
        server = SimHttp.bind("127.0.0.1", 0, threads);
        server.createContext("/", this::voice);
        server.createContext("/events", this::event);
        server.start();
    }

    static FakeApp start() {
        return new FakeApp();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    String voiceUrl() {
        return baseUrl() + "/voice/ref-1";
    }

    String eventsUrl() {
        return baseUrl() + "/events";
    }

    /** The document returned for each voice callback request. */
    void answerVoiceWith(Function<RecordedRequest, String> responder) {
        this.voiceResponder = responder;
    }

    void answerVoiceWithStatus(int status) {
        this.voiceStatus = status;
    }

    /** The first {@code times} deliveries of events of this kind are answered {@code status}; the rest 200. */
    void failEvents(String kind, int times, int status) {
        eventFailures.put(kind, new int[] {times, status});
    }

    List<RecordedRequest> voiceRequests() {
        return List.copyOf(voiceRequests);
    }

    List<RecordedRequest> eventRequests() {
        return List.copyOf(eventRequests);
    }

    /** The voice callback fields, whichever encoding carried them. */
    static Map<String, String> fields(RecordedRequest request) {
        String contentType = request.header("Content-Type");
        if (contentType != null && contentType.startsWith("application/json")) {
            Map<String, String> fields = new LinkedHashMap<>();
            json(request.body()).forEach((name, value) -> fields.put(name, ((JsonString) value).getString()));
            return fields;
        }
        return SimHttp.parseForm(request.body());
    }

    static JsonObject json(String body) {
        return SimJson.parseObject(body);
    }

    private void voice(HttpExchange exchange) throws IOException {
        RecordedRequest request = record(exchange, SimHttp.readBody(exchange), voiceStatus);
        String document = voiceStatus == 200 ? voiceResponder.apply(request) : "";
        voiceRequests.add(request);
        SimHttp.respond(exchange, voiceStatus, "application/json", document, Map.of());
    }

    private void event(HttpExchange exchange) throws IOException {
        String body = SimHttp.readBody(exchange);
        int[] failure = eventFailures.get(SimJson.parseObject(body).getString("kind"));
        int status = 200;
        if (failure != null) {
            synchronized (failure) {
                if (failure[0] > 0) {
                    failure[0]--;
                    status = failure[1];
                }
            }
        }
        eventRequests.add(record(exchange, body, status));
        SimHttp.respond(exchange, status, null, "", Map.of());
    }

    private static RecordedRequest record(HttpExchange exchange, String body, int status) {
        return new RecordedRequest(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders(), body,
                status, null, false, Instant.now());
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
