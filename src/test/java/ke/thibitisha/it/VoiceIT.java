package ke.thibitisha.it;

import jakarta.json.JsonObject;
import ke.thibitisha.sim.daraja.DarajaPayloads;
import ke.thibitisha.sim.sautikit.CallScript;
import ke.thibitisha.sim.sautikit.Encoding;
import ke.thibitisha.sim.sautikit.SimCall;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Contract §4: the spoken script per language and what each key does, through simulated calls. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class VoiceIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.thibitisha();
    }

    @AfterEach
    void formEncodingAgain() {
        Sautikit.simulator().voiceCallbackEncoding(Encoding.FORM);
    }

    @Test
    void englishPressTwoWithoutAgentPromisesACallBack() {
        SimCall call = stkCall(CallScript.answer(50, 300).pressing("2"), 1500);
        assertEquals("ESCALATED", outcome(call));
        String last = call.documents().get(call.documents().size() - 1).toString();
        assertTrue(last.contains("An agent will call you back"), last);
        assertTrue(call.dialed().isEmpty());
    }

    @Test
    void swahiliPressTwoDialsThePaybillsAgent() {
        String msisdn = App.newMsisdn();
        String account = "SW-" + msisdn.substring(6);
        App.asOps("PUT", "/api/customers/" + account, "application/json", "{\"phone\":\"+" + msisdn + "\"}");
        Sautikit.simulator().script("+" + msisdn, CallScript.answer(50, 300).pressing("2"));
        App.c2bConfirmation(DarajaPayloads.c2bConfirmationHashed("1500.50", account, "254700000001", ""));
        SimCall call = Sautikit.awaitSettledCalls("+" + msisdn, 1, Duration.ofSeconds(20)).get(0);
        String first = call.documents().get(0).toString();
        assertTrue(first.contains("shilingi elfu moja mia tano na senti hamsini"), first);
        assertTrue(first.contains("\"language\":\"sw-KE\""), first);
        assertTrue(first.contains("Bonyeza 1 kuthibitisha, bonyeza 2 kuzungumza na wakala"), first);
        assertEquals(List.of("+254700111222"), call.dialed());
        assertEquals("ESCALATED", outcome(call));
    }

    @Test
    void anotherKeyRepeatsThePromptOnceThenOneConfirms() {
        SimCall call = stkCall(CallScript.answer(50, 300).pressing("7", "1"), 2025);
        assertEquals("ACKNOWLEDGED", outcome(call));
        String repeat = call.documents().get(1).toString();
        assertTrue(repeat.contains("we did not get your choice"), repeat);
    }

    @Test
    void noDigitsTwiceEndsWithNoResponse() {
        Sautikit.simulator().voiceCallbackEncoding(Encoding.JSON);
        SimCall call = stkCall(CallScript.answer(50, 300).pressing("", ""), 10);
        assertEquals("NO_RESPONSE", outcome(call));
        assertEquals(3, call.documents().size(), "script, repeat, goodbye");
        assertTrue(call.documents().get(2).toString().contains("hangup"));
    }

    @Test
    void unknownCallReferenceGetsAPoliteHangup() {
        HttpResponse<String> answer = App.post("/api/sautikit/voice/not-a-real-reference",
                "application/x-www-form-urlencoded", "CallId=abc&From=%2B254711000000&To=%2B254722000000");
        assertEquals(200, answer.statusCode());
        assertTrue(answer.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        JsonObject document = App.json(answer.body());
        String last = document.getJsonArray("actions").get(document.getJsonArray("actions").size() - 1).toString();
        assertTrue(last.contains("hangup"), answer.body());
    }

    private static SimCall stkCall(CallScript script, long amount) {
        String msisdn = App.newMsisdn();
        Sautikit.simulator().script("+" + msisdn, script);
        App.stk(DarajaPayloads.stkSuccess(amount, msisdn));
        return Sautikit.awaitSettledCalls("+" + msisdn, 1, Duration.ofSeconds(20)).get(0);
    }

    /** The payment's outcome once the call has been settled on our side too. */
    private static String outcome(SimCall call) {
        JsonObject payment = App.awaitPayment(call.clientRequestId() == null ? call.callId() : paymentRef(call),
                p -> List.of("ACKNOWLEDGED", "ESCALATED", "NO_RESPONSE").contains(p.getString("status"))
                        && p.getJsonArray("call_attempts").getJsonObject(0).getString("status").equals("COMPLETED"),
                Duration.ofSeconds(20));
        return payment.getString("status");
    }

    /** client_request_id is thb-{payment public id}-{attempt}: the public id finds the payment. */
    private static String paymentRef(SimCall call) {
        String key = call.clientRequestId();
        return key.substring(4, key.lastIndexOf('-'));
    }
}
