package ke.thibitisha.sim.sautikit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static ke.thibitisha.sim.sautikit.SimClient.FROM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VoiceCallbackTest {

    private static final String TO = "+254722123456";
    private static final Duration WAIT = Duration.ofSeconds(5);

    private FakeApp app;
    private SautikitSimulator sim;
    private SimClient client;

    @BeforeEach
    void start() {
        app = FakeApp.start();
        sim = SautikitSimulator.start(SautikitSimulator.Options.defaults().ownedNumbers(FROM)
                .eventsUrl(app.eventsUrl()).webhookSecret("whsec_test"));
        client = new SimClient(sim);
    }

    @AfterEach
    void stop() {
        sim.close();
        app.close();
    }

    private SimCall runCall(CallScript script) {
        sim.script(TO, script);
        String callId = client.createOk(SimClient.body(TO, app.voiceUrl()));
        assertTrue(sim.awaitTerminal(1, WAIT), "call did not settle");
        return sim.call(callId).orElseThrow();
    }

    @Test
    void anAnsweredCallPostsAFormEncodedCallbackAndRunsTheDocument() {
        SimCall call = runCall(CallScript.answer(20, 100).pressing("1"));

        List<RecordedRequest> requests = app.voiceRequests();
        assertEquals(2, requests.size(), "the answer, then the digits");
        RecordedRequest first = requests.get(0);
        assertEquals("POST", first.method());
        assertEquals("/voice/ref-1", first.path());
        assertEquals("clientRequestId=pay-42-1", first.query());
        assertTrue(first.header("Content-Type").startsWith("application/x-www-form-urlencoded"));
        Map<String, String> fields = FakeApp.fields(first);
        assertEquals(call.callId(), fields.get("CallId"));
        assertEquals(FROM, fields.get("From"));
        assertEquals(TO, fields.get("To"));
        assertEquals("pay-42-1", fields.get("clientRequestId"));
        assertFalse(fields.containsKey("Digits"));
        assertEquals("1", FakeApp.fields(requests.get(1)).get("Digits"));

        assertEquals("completed", call.status());
        assertEquals(2, call.documents().size());
        assertEquals(FakeApp.json(FakeApp.CONFIRM_DOCUMENT), call.documents().get(0));
        assertEquals(List.of("1"), call.digitsSent());
        assertTrue(sim.documentViolations().isEmpty(), sim.documentViolations().toString());
        assertTrue(call.durationSeconds() >= 1);
    }

    @Test
    void theCallbackCanBeJsonEncoded() {
        sim.voiceCallbackEncoding(Encoding.JSON);

        SimCall call = runCall(CallScript.answer(0, 50).pressing("2"));

        RecordedRequest first = app.voiceRequests().get(0);
        assertEquals("application/json", first.header("Content-Type"));
        assertEquals(call.callId(), FakeApp.json(first.body()).getString("CallId"));
        assertEquals("2", FakeApp.json(app.voiceRequests().get(1).body()).getString("Digits"));
    }

    @Test
    void theCallLastsAtLeastItsTalkTimeAfterTheAnswer() {
        SimCall call = runCall(CallScript.answer(10, 1_200));

        assertTrue(call.durationSeconds() >= 2, "ceil(1.2 s) at least");
        assertTrue(Duration.between(call.answeredAt(), call.endedAt()).toMillis() >= 1_200);
    }

    @Test
    void getDigitsWithAnActionPostsTheDigitsThere() {
        app.answerVoiceWith(request -> request.path().endsWith("/digits") ? FakeApp.HANGUP_DOCUMENT
                : "{\"actions\":[{\"getDigits\":{\"action\":\"/voice/ref-1/digits\",\"numDigits\":1}}]}");

        SimCall call = runCall(CallScript.answer(0, 50).pressing("7"));

        List<RecordedRequest> requests = app.voiceRequests();
        assertEquals("/voice/ref-1/digits", requests.get(1).path());
        assertEquals("7", FakeApp.fields(requests.get(1)).get("Digits"));
        assertEquals(List.of("7"), call.digitsSent());
    }

    @Test
    void aSequenceOfKeysIsConsumedOnePerGetDigits() {
        String ask = "{\"actions\":[{\"getDigits\":{\"numDigits\":1}}]}";
        app.answerVoiceWith(request -> app.voiceRequests().isEmpty() || FakeApp.fields(request).containsKey("Digits")
                ? ask : FakeApp.HANGUP_DOCUMENT);

        SimCall call = runCall(CallScript.answer(0, 50).pressing("9", "2#", "13"));

        assertEquals(List.of("9", "2", "1"), call.digitsSent(), "finishOnKey and numDigits trim the keys");
        // the fourth getDigits finds the script exhausted: no input, posted without Digits
        assertEquals(5, app.voiceRequests().size());
        assertFalse(FakeApp.fields(app.voiceRequests().get(4)).containsKey("Digits"));
        assertTrue(sim.documentViolations().isEmpty(), sim.documentViolations().toString());
    }

    @ParameterizedTest
    @EnumSource(NoInput.class)
    void noInputIsPlayedAsConfigured(NoInput mode) {
        sim.noInput(mode);
        app.answerVoiceWith(request -> app.voiceRequests().isEmpty() ? FakeApp.CONFIRM_DOCUMENT
                : FakeApp.HANGUP_DOCUMENT);

        SimCall call = runCall(CallScript.answer(0, 50).pressing((String) null));

        List<RecordedRequest> requests = app.voiceRequests();
        switch (mode) {
            case OMIT_DIGITS -> {
                assertEquals(2, requests.size());
                assertFalse(FakeApp.fields(requests.get(1)).containsKey("Digits"));
                assertTrue(call.digitsSent().isEmpty());
            }
            case EMPTY_DIGITS -> {
                assertEquals(2, requests.size());
                assertEquals("", FakeApp.fields(requests.get(1)).get("Digits"));
                assertEquals(List.of(""), call.digitsSent());
            }
            case NEXT_ACTION -> assertEquals(1, requests.size(), "the document's hangup ran instead");
        }
    }

    @Test
    void redirectFetchesItsUrlRelativeToTheDocument() {
        app.answerVoiceWith(request -> request.path().equals("/voice/ref-1/next") ? FakeApp.HANGUP_DOCUMENT
                : "{\"actions\":[{\"say\":{\"text\":\"one moment\"}},{\"redirect\":{\"url\":\"ref-1/next\"}}]}");

        SimCall call = runCall(CallScript.answer(0, 50));

        assertEquals("/voice/ref-1/next", app.voiceRequests().get(1).path());
        assertEquals(2, call.documents().size());
    }

    @Test
    void aGetRedirectCarriesTheFieldsInTheQuery() {
        app.answerVoiceWith(request -> request.method().equals("GET") ? FakeApp.HANGUP_DOCUMENT
                : "{\"actions\":[{\"redirect\":{\"url\":\"/voice/menu?lang=sw\",\"method\":\"GET\"}}]}");

        SimCall call = runCall(CallScript.answer(0, 20));

        RecordedRequest redirected = app.voiceRequests().get(1);
        assertEquals("GET", redirected.method());
        assertEquals("/voice/menu", redirected.path());
        assertTrue(redirected.query().startsWith("lang=sw&CallId=" + call.callId()), redirected.query());
    }

    @Test
    void dialActionsAreRecorded() {
        app.answerVoiceWith(request -> "{\"actions\":[{\"dial\":{\"number\":\"+254733000111\"}},{\"hangup\":{}}]}");

        SimCall call = runCall(CallScript.answer(0, 50));

        assertEquals(List.of("+254733000111"), call.dialed());
    }

    @Test
    void aLabelThePbxDropsIsAbsentFromCallbacks() {
        sim.script(TO, CallScript.answer(0, 0));
        String body = "{\"from\":\"" + FROM + "\",\"to\":[\"" + TO + "\"],\"voice_callback_url\":\""
                + app.voiceUrl() + "\",\"client_request_id\":\"pay 42\"}";
        assertEquals("pay 42", FakeApp.json(client.create(body, null).body()).getString("client_request_id"));
        assertTrue(sim.awaitTerminal(1, WAIT));

        RecordedRequest first = app.voiceRequests().get(0);
        assertNull(first.query());
        assertFalse(FakeApp.fields(first).containsKey("clientRequestId"));
    }

    @Test
    void anXmlReplyIsKeptRawAndNotValidated() {
        String xml = "<Response><Say>Habari</Say></Response>";
        app.answerVoiceWith(request -> xml);

        SimCall call = runCall(CallScript.answer(0, 20));

        assertEquals(List.of(xml), call.replies());
        assertTrue(call.documents().isEmpty());
        assertTrue(sim.documentViolations().isEmpty());
        assertEquals("completed", call.status());
    }

    @Test
    void aFailingCallbackIsReportedAndTheCallStillEnds() {
        app.answerVoiceWithStatus(500);

        SimCall call = runCall(CallScript.answer(0, 20));

        assertEquals("completed", call.status());
        assertEquals(1, sim.documentViolations().size());
        assertTrue(sim.documentViolations().get(0).contains("answered 500"), sim.documentViolations().toString());
    }

    @Test
    void anInvalidDocumentIsRecordedReportedAndNotRun() {
        app.answerVoiceWith(request -> "{\"actions\":[{\"say\":{\"text\":\"hi\"},\"hangup\":{}},"
                + "{\"getDigits\":{\"nested\":[{\"dial\":{\"number\":\"+254733000111\"}}]}}]}");

        SimCall call = runCall(CallScript.answer(0, 20).pressing("1"));

        assertEquals(1, call.documents().size());
        assertTrue(call.digitsSent().isEmpty());
        assertEquals(1, app.voiceRequests().size());
        List<String> problems = sim.documentViolations();
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("exactly one verb"));
        assertTrue(problems.get(1).contains("\"dial\" is not allowed"));
    }

    @Test
    void unscriptedNumbersUseTheDefaultScript() {
        sim.defaultScript(CallScript.busy());

        String callId = client.createOk(SimClient.body("+254722999999", app.voiceUrl()));

        assertTrue(sim.awaitTerminal(1, WAIT));
        assertEquals("busy", sim.call(callId).orElseThrow().status());
        assertTrue(app.voiceRequests().isEmpty());
    }

    @Test
    void scriptedFailuresEndWithTheirStatusAndNoCallback() {
        CallScript[] failures = {CallScript.busy(), CallScript.noAnswer(), CallScript.failed(), CallScript.canceled()};
        String[] statuses = {"busy", "no_answer", "failed", "canceled"};
        for (int i = 0; i < failures.length; i++) {
            sim.script("+25472200000" + i, failures[i]);
            client.createOk(SimClient.body("+25472200000" + i, app.voiceUrl()));
        }

        assertTrue(sim.awaitTerminal(4, WAIT));
        for (int i = 0; i < failures.length; i++) {
            SimCall call = sim.calls().get(i);
            assertEquals(statuses[i], call.status());
            assertNull(call.answeredAt());
            assertEquals(0, call.durationSeconds());
        }
        assertTrue(app.voiceRequests().isEmpty());
    }
}
