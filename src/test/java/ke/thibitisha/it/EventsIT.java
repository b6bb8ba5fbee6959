package ke.thibitisha.it;

import jakarta.json.JsonObject;
import ke.thibitisha.sim.daraja.DarajaPayloads;
import ke.thibitisha.sim.sautikit.CallScript;
import ke.thibitisha.sim.sautikit.SimCall;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Contract §4: signed call events, applied once, never backwards, in either envelope. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class EventsIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.thibitisha();
    }

    @AfterEach
    void restoreSimulator() {
        Sautikit.simulator().events().dropAll(false).outOfOrder(false).duplicateEach(false);
    }

    @Test
    void badMissingStaleOrLegacySignaturesAreRefused() throws Exception {
        String body = event("call.completed", UUID.randomUUID().toString(), "no-such-call");
        long now = Instant.now().getEpochSecond();
        assertEquals(401, post(body, null).statusCode());
        assertEquals(401, post(body, "t=" + now + ",v1=" + "00".repeat(32)).statusCode());
        assertEquals(401, post(body, schemeA(body, now - 301)).statusCode());
        assertEquals(401, post(body, hex(hmac(body.getBytes(StandardCharsets.UTF_8)))).statusCode(),
                "scheme B only with SAUTIKIT_SIGNATURE_LEGACY=true");
        assertEquals(401, post(body + " ", schemeA(body, now)).statusCode(), "tampered body");
        assertEquals(200, post(body, schemeA(body, now)).statusCode(), "valid, even for a call we do not know");
        assertEquals(200, post(body, schemeA(body, now + 200)).statusCode(), "a clock slightly ahead is tolerated");
    }

    @Test
    void duplicatedAndReorderedDeliveriesEndInTheRightState() {
        Sautikit.simulator().events().duplicateEach(true).outOfOrder(true);
        String msisdn = App.newMsisdn();
        String callback = DarajaPayloads.stkSuccess(800, msisdn);
        App.stk(callback);
        Sautikit.awaitSettledCalls("+" + msisdn, 1, Duration.ofSeconds(20));
        JsonObject payment = App.awaitPayment(DarajaPayloads.checkoutRequestIdOf(callback),
                p -> "COMPLETED".equals(p.getJsonArray("call_attempts").getJsonObject(0).getString("status")),
                Duration.ofSeconds(20));
        assertEquals("ACKNOWLEDGED", payment.getString("status"));
        assertEquals(1, Sautikit.callsTo("+" + msisdn).size());
    }

    @Test
    void completedNeverMovesBackAndThePayloadEnvelopeIsRead() {
        Sautikit.simulator().events().dropAll(true);
        String msisdn = App.newMsisdn();
        Sautikit.simulator().script("+" + msisdn, CallScript.answer(50, 6000).pressing("1"));
        String callback = DarajaPayloads.stkSuccess(900, msisdn);
        App.stk(callback);
        String checkout = DarajaPayloads.checkoutRequestIdOf(callback);
        App.awaitPayment(checkout, App.status("ACKNOWLEDGED"), Duration.ofSeconds(20));
        SimCall call = Sautikit.callsTo("+" + msisdn).get(0);
        long now = Instant.now().getEpochSecond();

        // the recording guide's envelope: event_kind + payload
        String completed = "{\"event_kind\":\"call.completed\",\"event_id\":\"" + UUID.randomUUID()
                + "\",\"payload\":{\"call_id\":\"" + call.callId() + "\",\"status\":\"completed\",\"duration_seconds\":3}}";
        assertEquals(200, post(completed, schemeA(completed, now)).statusCode());
        JsonObject attempt = App.payment(checkout).getJsonArray("call_attempts").getJsonObject(0);
        assertEquals("COMPLETED", attempt.getString("status"), "the event ended the attempt before any poll");
        assertFalse(call.isTerminal(), "the simulated call was still on the line");

        String lateAnswered = event("call.answered", UUID.randomUUID().toString(), call.callId());
        assertEquals(200, post(lateAnswered, schemeA(lateAnswered, now)).statusCode());
        assertEquals(200, post(lateAnswered, schemeA(lateAnswered, now)).statusCode(), "duplicate event_id");
        assertEquals("COMPLETED", App.payment(checkout).getJsonArray("call_attempts").getJsonObject(0).getString("status"));
    }

    /** Issue 15 defect 4: an event for one of our calls that cannot be applied yet is not acknowledged. */
    @Test
    void anEventForOneOfOurCallsNotRecordedYetAnswers503SoThatSautikitResends() {
        long now = Instant.now().getEpochSecond();
        String early = "{\"kind\":\"call.completed\",\"event_id\":\"" + UUID.randomUUID() + "\",\"workspace_id\":\"ws\","
                + "\"occurred_at\":\"" + Instant.now() + "\",\"data\":{\"call_id\":\"" + UUID.randomUUID()
                + "\",\"status\":\"completed\",\"clientRequestId\":\"thb-" + UUID.randomUUID() + "-1\"}}";
        assertEquals(503, post(early, schemeA(early, now)).statusCode());
        assertEquals(503, post(early, schemeA(early, now)).statusCode(), "nothing was recorded: the next delivery is tried again");

        String unused = event("call.recording.ready", UUID.randomUUID().toString(), UUID.randomUUID().toString());
        assertEquals(200, post(unused, schemeA(unused, now)).statusCode(), "a kind we do not use");
    }

    /** Issue 15 defect 3: call.completed processed first must not make the payer's "1" count for nothing. */
    @Test
    void aKeyPressThatArrivesAfterCallCompletedStillCounts() {
        Sautikit.simulator().events().dropAll(true);
        String msisdn = App.newMsisdn();
        Sautikit.simulator().script("+" + msisdn, CallScript.answer(50, 15000));
        String callback = DarajaPayloads.stkSuccess(950, msisdn);
        App.stk(callback);
        String checkout = DarajaPayloads.checkoutRequestIdOf(callback);
        // the simulator plays the prompt twice without digits at once, so ANSWERED may already have become
        // NO_RESPONSE (the call itself stays on the line for 15 s)
        App.awaitPayment(checkout, App.status("ANSWERED").or(App.status("NO_RESPONSE")), Duration.ofSeconds(20));
        SimCall call = Sautikit.callsTo("+" + msisdn).get(0);

        String completed = event("call.completed", UUID.randomUUID().toString(), call.callId());
        assertEquals(200, post(completed, schemeA(completed, Instant.now().getEpochSecond())).statusCode());
        App.awaitPayment(checkout, App.status("NO_RESPONSE"), Duration.ofSeconds(20));

        HttpResponse<String> pressed = voiceCallback(call.voiceCallbackUrl(), "CallId=" + call.callId() + "&Digits=1");
        assertEquals(200, pressed.statusCode());
        JsonObject payment = App.payment(checkout);
        assertEquals("ACKNOWLEDGED", payment.getString("status"), payment.toString());
        assertEquals("1", payment.getJsonArray("call_attempts").getJsonObject(0).getString("digits"), payment.toString());
    }

    private static HttpResponse<String> voiceCallback(String url, String form) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        try {
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String event(String kind, String eventId, String callId) {
        return "{\"kind\":\"" + kind + "\",\"event_id\":\"" + eventId + "\",\"workspace_id\":\"ws\",\"occurred_at\":\""
                + Instant.now() + "\",\"data\":{\"call_id\":\"" + callId + "\",\"status\":\""
                + kind.substring(5) + "\"}}";
    }

    /** Computed here, independently of the application's verifier: v1 = hex(HMAC-SHA256(secret, body + "." + t)). */
    private static String schemeA(String body, long t) {
        return "t=" + t + ",v1=" + hex(hmac((body + "." + t).getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] hmac(byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Sautikit.WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(message);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private static HttpResponse<String> post(String body, String signature) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(Sautikit.EVENTS_URL))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) {
            request.header("X-Sautikit-Signature", signature);
        }
        try {
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
