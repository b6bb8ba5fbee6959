package ke.thibitisha.sim.sautikit;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import static ke.thibitisha.sim.sautikit.SimClient.FROM;
import static ke.thibitisha.sim.sautikit.SimClient.errorCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CreateCallApiTest {

    private static final String TO = "+254722123456";

    private SautikitSimulator sim;
    private SimClient client;

    @BeforeEach
    void start() {
        sim = SautikitSimulator.start(SautikitSimulator.Options.defaults().ownedNumbers(FROM)
                .defaultScript(CallScript.answer(2_000, 100)));
        client = new SimClient(sim);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void createAnswers201WithUuidCallIdHdSessionIdAndRinging() {
        HttpResponse<String> response = client.create(SimClient.body(TO, "http://127.0.0.1:9/voice"), null);

        assertEquals(201, response.statusCode(), response.body());
        JsonObject created = FakeApp.json(response.body());
        UUID.fromString(created.getString("call_id"));
        assertTrue(created.getString("session_id").matches("HD_[0-9a-f]{32}"), created.toString());
        assertEquals("ringing", created.getString("status"));
        assertEquals("pay-42-1", created.getString("client_request_id"));
        SimCall call = sim.calls().get(0);
        assertEquals(created.getString("call_id"), call.callId());
        assertEquals(TO, call.to());
        assertEquals(FROM, call.from());
        assertEquals("http://127.0.0.1:9/voice", call.voiceCallbackUrl());
    }

    @Test
    void originateIsAnAliasOfCreate() {
        HttpResponse<String> response = client.post("/v1/calls/originate", SimClient.body(TO));

        assertEquals(201, response.statusCode(), response.body());
        assertEquals(1, sim.calls().size());
        assertEquals("/v1/calls/originate", sim.createRequests().get(0).path());
    }

    @Test
    void missingUnknownAndRevokedBearerKeysAre401() {
        HttpRequest noKey = HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/v1/calls"))
                .POST(HttpRequest.BodyPublishers.ofString(SimClient.body(TO))).build();
        HttpResponse<String> missing = client.send(noKey);
        HttpResponse<String> wrong = client.send(HttpRequest.newBuilder(noKey.uri())
                .header("Authorization", "Bearer nope").POST(HttpRequest.BodyPublishers.ofString(SimClient.body(TO)))
                .build());
        sim.revokeKey(SimClient.KEY);
        HttpResponse<String> revoked = client.create(SimClient.body(TO), null);

        assertEquals(401, missing.statusCode());
        assertEquals("api_key.invalid", errorCode(missing));
        assertEquals(401, wrong.statusCode());
        assertEquals("api_key.invalid", errorCode(wrong));
        assertEquals(401, revoked.statusCode());
        assertEquals("api_key.revoked", errorCode(revoked));
        assertTrue(sim.calls().isEmpty());
        assertEquals(3, sim.createRequests().size());
    }

    @Test
    void fromMustBeAnOwnedNumber() {
        HttpResponse<String> response = client.create("{\"from\":\"+254700999999\",\"to\":[\"" + TO + "\"]}", null);

        assertEquals(403, response.statusCode());
        assertEquals("numbers.not_owned", errorCode(response));
        assertTrue(sim.calls().isEmpty());
    }

    @Test
    void callerIdMustAlsoBeOwned() {
        HttpResponse<String> foreign = client.create("{\"from\":\"" + FROM + "\",\"to\":[\"" + TO
                + "\"],\"caller_id\":\"+254700999999\"}", null);
        HttpResponse<String> owned = client.create("{\"from\":\"" + FROM + "\",\"to\":[\"" + TO
                + "\"],\"caller_id\":\"" + FROM + "\"}", null);

        assertEquals(403, foreign.statusCode());
        assertEquals("numbers.not_owned", errorCode(foreign));
        assertEquals(201, owned.statusCode());
        assertEquals(FROM, sim.calls().get(0).callerId());
    }

    @Test
    void toMustBeAnArrayOfOnePlusPrefixedE164String() {
        String[] invalid = {
                "{\"from\":\"" + FROM + "\",\"to\":\"" + TO + "\"}",
                "{\"from\":\"" + FROM + "\",\"to\":[\"254722123456\"]}",
                "{\"from\":\"" + FROM + "\",\"to\":[254722123456]}",
                "{\"from\":\"" + FROM + "\",\"to\":[]}",
                "{\"from\":\"" + FROM + "\",\"to\":[\"" + TO + "\",\"+254722000002\"]}",
                "{\"from\":\"" + FROM + "\"}",
        };
        for (String body : invalid) {
            HttpResponse<String> response = client.create(body, null);
            assertEquals(400, response.statusCode(), body);
            assertEquals("validation.failed", errorCode(response), body);
        }
        assertEquals(201, client.create(SimClient.body(TO), null).statusCode());
        assertEquals(1, sim.calls().size());
    }

    @Test
    void lenientModeAcceptsABareStringTo() {
        try (SautikitSimulator lenient = SautikitSimulator.start(SautikitSimulator.Options.defaults()
                .ownedNumbers(FROM).strictTo(false))) {
            HttpResponse<String> response = new SimClient(lenient)
                    .create("{\"from\":\"" + FROM + "\",\"to\":\"" + TO + "\"}", null);

            assertEquals(201, response.statusCode(), response.body());
            assertEquals(TO, lenient.calls().get(0).to());
        }
    }

    @Test
    void bodyThatIsNotAJsonObjectIs400() {
        HttpResponse<String> broken = client.create("{\"from\":", null);
        HttpResponse<String> array = client.create("[]", null);

        assertEquals(400, broken.statusCode());
        assertEquals("request.invalid_json", errorCode(broken));
        assertEquals(400, array.statusCode());
        assertEquals("request.invalid_json", errorCode(array));
    }

    @Test
    void labelRulesAreEnforced() {
        HttpResponse<String> reserved = client.create(
                "{\"from\":\"" + FROM + "\",\"to\":[\"" + TO + "\"],\"client_request_id\":\"mcp:x\"}", null);
        HttpResponse<String> tooLong = client.create("{\"from\":\"" + FROM + "\",\"to\":[\"" + TO
                + "\"],\"clientRequestId\":\"" + "x".repeat(5001) + "\"}", null);

        assertEquals(400, reserved.statusCode());
        assertEquals(400, tooLong.statusCode());
    }

    @Test
    void errorsUseTheEnvelopeWithAFreshRequestId() {
        JsonObject first = FakeApp.json(client.get("/v1/calls/nope").body()).getJsonObject("error");
        JsonObject second = FakeApp.json(client.get("/v1/calls/nope").body()).getJsonObject("error");

        assertEquals("calls.not_found", first.getString("code"));
        assertFalse(first.getString("message").isBlank());
        assertTrue(first.getString("request_id").startsWith("req_"));
        assertNotEquals(first.getString("request_id"), second.getString("request_id"));
    }

    @Test
    void getFindsTheCallByCallIdAndBySessionId() {
        JsonObject created = FakeApp.json(client.create(SimClient.body(TO), null).body());

        JsonObject byCallId = client.call(created.getString("call_id"));
        JsonObject bySessionId = client.call(created.getString("session_id"));

        assertEquals(created.getString("call_id"), byCallId.getString("id"));
        assertEquals(byCallId.getString("id"), bySessionId.getString("id"));
        assertEquals(created.getString("session_id"), byCallId.getString("session_id"));
        assertEquals(FROM, byCallId.getString("local_e164"));
        assertEquals(TO, byCallId.getString("remote_e164"));
        assertEquals("ringing", byCallId.getString("status"));
        assertEquals("KES", byCallId.getString("cost_currency"));
        assertEquals(300, byCallId.getInt("rate_per_minute_minor"));
        assertTrue(byCallId.isNull("answered_at"));
        assertEquals(404, client.get("/v1/calls/" + UUID.randomUUID()).statusCode());
    }

    @Test
    void hangupCancelsARingingCallAndIsIdempotent() {
        String callId = client.createOk(SimClient.body(TO));

        HttpResponse<String> first = client.post("/v1/calls/" + callId + "/hangup", "");
        HttpResponse<String> again = client.post("/v1/calls/" + sim.calls().get(0).sessionId() + "/hangup", "");

        assertEquals(200, first.statusCode(), first.body());
        assertEquals("hung_up", FakeApp.json(first.body()).getString("status"));
        assertEquals(callId, FakeApp.json(first.body()).getString("call_id"));
        assertEquals(200, again.statusCode());
        assertEquals("canceled", sim.calls().get(0).status());
        assertEquals(0, sim.inFlight());
        assertEquals(404, client.post("/v1/calls/" + UUID.randomUUID() + "/hangup", "").statusCode());
    }

    @Test
    void hangupCompletesAnAnsweredCall() throws InterruptedException {
        sim.script(TO, CallScript.answer(0, 60_000));
        String callId = client.createOk(SimClient.body(TO));
        awaitStatus(callId, "answered");

        client.post("/v1/calls/" + callId + "/hangup", "");

        assertEquals("completed", sim.call(callId).orElseThrow().status());
        assertTrue(sim.awaitTerminal(1, Duration.ofSeconds(2)));
    }

    @Test
    void suspendedWorkspaceRefusesPostsButServesReads() {
        String callId = client.createOk(SimClient.body(TO));
        sim.suspend(true);

        HttpResponse<String> refused = client.create(SimClient.body(TO), null);

        assertEquals(403, refused.statusCode());
        assertEquals("account.suspended", errorCode(refused));
        assertEquals(200, client.get("/v1/calls/" + callId).statusCode());
    }

    @Test
    void walletBalanceIsReadable() {
        sim.wallet().setBalanceMinor(12_345);

        JsonObject balance = FakeApp.json(client.get("/v1/wallet/balance").body());

        assertEquals(12_345, balance.getInt("balance_minor"));
        assertEquals("KES", balance.getString("currency"));
        assertEquals(sim.workspaceId(), balance.getString("workspace_id"));
    }

    @Test
    void resetForgetsCallsAndRestoresSettings() {
        client.createOk(SimClient.body(TO));
        sim.wallet().setBalanceMinor(0);
        sim.maxConcurrentCalls(0);

        sim.reset();

        assertTrue(sim.calls().isEmpty());
        assertTrue(sim.createRequests().isEmpty());
        assertEquals(0, sim.inFlight());
        assertEquals(0, sim.maxInFlight());
        assertEquals(201, client.create(SimClient.body(TO), null).statusCode());
    }

    private void awaitStatus(String callId, String status) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (!sim.call(callId).orElseThrow().status().equals(status)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("call never reached " + status);
            }
            Thread.sleep(5);
        }
    }
}
