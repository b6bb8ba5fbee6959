package ke.thibitisha.sim.sautikit;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static ke.thibitisha.sim.sautikit.SimClient.FROM;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventDeliveryTest {

    private static final String TO = "+254722123456";
    private static final String SECRET = "whsec_test";
    private static final Duration WAIT = Duration.ofSeconds(5);

    private FakeApp app;
    private SautikitSimulator sim;
    private SimClient client;

    @AfterEach
    void stop() {
        sim.close();
        app.close();
    }

    private void start(SautikitSimulator.Options options) {
        app = FakeApp.start();
        sim = SautikitSimulator.start(options.ownedNumbers(FROM).eventsUrl(app.eventsUrl()).webhookSecret(SECRET)
                .defaultScript(CallScript.answer(10, 30)));
        client = new SimClient(sim);
    }

    private void start() {
        start(SautikitSimulator.Options.defaults());
    }

    /** Independent of the simulator's code: HMAC-SHA256 as the app computes it. */
    private static String hmac(String secret, String message) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(message.getBytes(UTF_8)));
    }

    private static Map<String, String> schemeA(String header) {
        return java.util.Arrays.stream(header.split(","))
                .map(part -> part.split("=", 2))
                .collect(Collectors.toMap(kv -> kv[0], kv -> kv[1]));
    }

    private static List<String> kinds(List<RecordedRequest> requests) {
        return requests.stream().map(r -> FakeApp.json(r.body()).getString("kind")).toList();
    }

    @Test
    void anAnsweredCallSendsStartedAnsweredCompletedInTheDocumentedEnvelope() {
        start();
        String callId = client.createOk(SimClient.body(TO));

        assertTrue(sim.awaitTerminal(1, WAIT));
        List<RecordedRequest> events = app.eventRequests();
        assertEquals(List.of("call.started", "call.answered", "call.completed"), kinds(events));
        JsonObject completed = FakeApp.json(events.get(2).body());
        assertEquals(sim.workspaceId(), completed.getString("workspace_id"));
        assertTrue(completed.getString("occurred_at").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"));
        JsonObject data = completed.getJsonObject("data");
        assertEquals(callId, data.getString("call_id"));
        assertEquals("outbound", data.getString("direction"));
        assertEquals(FROM, data.getString("from"));
        assertEquals(TO, data.getString("to"));
        assertFalse(data.getString("number_id").isBlank());
        assertEquals("completed", data.getString("status"));
        assertEquals("normal_clearing", data.getString("hangup_cause"));
        assertEquals(1, data.getInt("duration_seconds"));
        assertTrue(data.containsKey("answered_at") && data.containsKey("ended_at"));
        assertEquals("started", FakeApp.json(events.get(0).body()).getJsonObject("data").getString("status"));
        assertEquals("answered", FakeApp.json(events.get(1).body()).getJsonObject("data").getString("status"));

        RecordedRequest delivery = events.get(2);
        assertEquals("call.completed", delivery.header("X-Sautikit-Event"));
        assertEquals(completed.getString("event_id"), delivery.header("X-Sautikit-Event-Id"));
        assertFalse(delivery.header("X-Sautikit-Idempotency-Key").isBlank());
        assertEquals("application/json", delivery.header("Content-Type"));
    }

    @Test
    void theCallRecordKeepsItsEventsOldestFirst() {
        start();
        String callId = client.createOk(SimClient.body(TO));
        assertTrue(sim.awaitTerminal(1, WAIT));

        List<String> kinds = client.call(callId).getJsonArray("events").getValuesAs(JsonObject.class).stream()
                .map(e -> e.getString("kind")).toList();

        assertEquals(List.of("call.started", "call.answered", "call.completed"), kinds);
    }

    @Test
    void aFailedCallSendsCallFailedWithStatusFailedAndTheReason() {
        start();
        sim.script(TO, CallScript.noAnswer());
        client.createOk(SimClient.body(TO));

        assertTrue(sim.awaitTerminal(1, WAIT));
        List<RecordedRequest> events = app.eventRequests();
        assertEquals(List.of("call.started", "call.failed"), kinds(events));
        JsonObject data = FakeApp.json(events.get(1).body()).getJsonObject("data");
        assertEquals("failed", data.getString("status"));
        assertEquals("no_answer", data.getString("failure_reason"));
        assertEquals("no_answer", sim.calls().get(0).status(), "the record keeps its own status");
    }

    @Test
    void schemeASignsBodyDotTimestampAndVerifiesWithAnIndependentHmac() throws Exception {
        start();
        client.createOk(SimClient.body(TO));
        assertTrue(sim.awaitTerminal(1, WAIT));

        for (RecordedRequest event : app.eventRequests()) {
            Map<String, String> signature = schemeA(event.header("X-Sautikit-Signature"));
            long t = Long.parseLong(signature.get("t"));
            assertTrue(Math.abs(Instant.now().getEpochSecond() - t) < 60, "fresh timestamp");
            assertEquals(hmac(SECRET, event.body() + "." + t), signature.get("v1"));
        }
    }

    @Test
    void schemeBIsABareHexHmacOfTheBody() throws Exception {
        start();
        sim.events().scheme(SignatureScheme.B);
        client.createOk(SimClient.body(TO));
        assertTrue(sim.awaitTerminal(1, WAIT));

        RecordedRequest event = app.eventRequests().get(0);
        assertEquals(hmac(SECRET, event.body()), event.header("X-Sautikit-Signature"));
    }

    @Test
    void staleTimestampsAndWrongSecretsAreSelectable() throws Exception {
        start();
        sim.events().staleTimestamps(true);
        client.createOk(SimClient.body(TO));
        assertTrue(sim.awaitTerminal(1, WAIT));
        RecordedRequest stale = app.eventRequests().get(0);
        Map<String, String> staleSignature = schemeA(stale.header("X-Sautikit-Signature"));
        long t = Long.parseLong(staleSignature.get("t"));

        assertTrue(Instant.now().getEpochSecond() - t >= 3_500, "an hour old");
        assertEquals(hmac(SECRET, stale.body() + "." + t), staleSignature.get("v1"));

        sim.reset();
        sim.events().wrongSecret(true);
        client.createOk(SimClient.body(TO));
        assertTrue(sim.awaitTerminal(1, WAIT));
        RecordedRequest wrong = app.eventRequests().get(app.eventRequests().size() - 1);
        Map<String, String> wrongSignature = schemeA(wrong.header("X-Sautikit-Signature"));
        assertNotEquals(hmac(SECRET, wrong.body() + "." + wrongSignature.get("t")), wrongSignature.get("v1"));
    }

    @Test
    void aNon2xxAnswerIsRetriedWithTheSameEvent() {
        start();
        app.failEvents("call.started", 2, 500);
        client.createOk(SimClient.body(TO));

        assertTrue(sim.awaitTerminal(1, WAIT));
        List<RecordedRequest> started = app.eventRequests().stream()
                .filter(r -> FakeApp.json(r.body()).getString("kind").equals("call.started")).toList();
        assertEquals(List.of(500, 500, 200), started.stream().map(RecordedRequest::status).toList());
        assertEquals(1, started.stream().map(RecordedRequest::body).distinct().count(), "same body each attempt");
        assertEquals(1, started.stream().map(r -> r.header("X-Sautikit-Idempotency-Key")).distinct().count());
        String eventId = FakeApp.json(started.get(0).body()).getString("event_id");
        assertEquals(List.of(1, 2, 3), sim.events().attemptsOf(eventId).stream()
                .map(EventPublisher.Attempt::attempt).toList());
        // nominal 30 s before attempt 2, at 1/1000: at least 30 ms between the first two attempts
        List<EventPublisher.Attempt> attempts = sim.events().attemptsOf(eventId);
        assertTrue(Duration.between(attempts.get(0).at(), attempts.get(1).at()).toMillis() >= 25);
    }

    @Test
    void eightFailedAttemptsEndInDeadLetter() {
        start();
        sim.events().retryScale(0.000_001);
        app.failEvents("call.started", 8, 500);
        sim.script(TO, CallScript.busy());
        client.createOk(SimClient.body(TO));

        assertTrue(sim.awaitTerminal(1, WAIT));
        List<EventPublisher.Attempt> deadLettered = sim.events().deadLettered();
        assertEquals(1, deadLettered.size());
        assertEquals(8, deadLettered.get(0).attempt());
        assertEquals("call.started", deadLettered.get(0).kind());
    }

    @Test
    void duplicateEachDeliversEveryEventTwiceWithOneEventId() {
        start();
        sim.events().duplicateEach(true);
        client.createOk(SimClient.body(TO));

        assertTrue(sim.awaitTerminal(1, WAIT));
        List<RecordedRequest> events = app.eventRequests();
        assertEquals(6, events.size());
        Map<String, Long> perEventId = events.stream().collect(Collectors.groupingBy(
                r -> FakeApp.json(r.body()).getString("event_id"), Collectors.counting()));
        assertEquals(Set.of(2L), Set.copyOf(perEventId.values()));
        assertEquals(6, events.stream().map(r -> r.header("X-Sautikit-Idempotency-Key")).distinct().count());
    }

    @Test
    void dropAllSendsNothingButTheCallStillSettles() {
        start();
        sim.events().dropAll(true);
        client.createOk(SimClient.body(TO));

        assertTrue(sim.awaitTerminal(1, WAIT));
        assertTrue(app.eventRequests().isEmpty());
        assertEquals(3, sim.events().attempts().size());
        assertTrue(sim.events().attempts().stream().allMatch(a -> a.status() == EventPublisher.Attempt.DROPPED));
        assertEquals(3, sim.calls().get(0).events().size(), "the record still has them");
    }

    @Test
    void outOfOrderDeliversTheFinalEventFirst() {
        start();
        sim.events().outOfOrder(true);
        client.createOk(SimClient.body(TO));

        assertTrue(sim.awaitTerminal(1, WAIT));
        assertEquals(List.of("call.completed", "call.answered", "call.started"), kinds(app.eventRequests()));
    }

    @Test
    void awaitTerminalWaitsForTheFinalEventsDelivery() {
        start(SautikitSimulator.Options.defaults().retryScale(0.01)); // 300 ms before the second attempt
        app.failEvents("call.completed", 1, 500);
        sim.script(TO, CallScript.answer(0, 0));
        client.createOk(SimClient.body(TO));

        assertFalse(sim.awaitTerminal(1, Duration.ofMillis(150)), "completed but its event not yet delivered");
        assertTrue(sim.awaitTerminal(1, WAIT));
        assertEquals(4, app.eventRequests().size());
    }
}
