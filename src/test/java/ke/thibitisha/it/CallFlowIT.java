package ke.thibitisha.it;

import jakarta.json.JsonObject;
import ke.thibitisha.sim.daraja.DarajaPayloads;
import ke.thibitisha.sim.sautikit.CallScript;
import ke.thibitisha.sim.sautikit.RecordedRequest;
import ke.thibitisha.sim.sautikit.SimCall;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One M-Pesa payment, all the way to an acknowledged call, through a real WildFly and the Sautikit simulator. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CallFlowIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.thibitisha();
    }

    @Test
    void paymentBecomesOneAcknowledgedCall() {
        String msisdn = App.newMsisdn();
        String e164 = "+" + msisdn;
        Sautikit.simulator().script(e164, CallScript.answer(50, 300).pressing("1"));
        String callback = DarajaPayloads.stkSuccess(1500, msisdn);
        String checkout = DarajaPayloads.checkoutRequestIdOf(callback);

        HttpResponse<String> answer = App.stk(callback);
        assertEquals(200, answer.statusCode());
        assertEquals("{\"ResultCode\":0,\"ResultDesc\":\"Accepted\"}", answer.body());

        SimCall call = Sautikit.awaitSettledCalls(e164, 1, Duration.ofSeconds(20)).get(0);
        assertEquals(Sautikit.FROM, call.from());
        assertTrue(call.idempotencyKey() != null && !call.idempotencyKey().isBlank(), "Idempotency-Key sent");
        List<RecordedRequest> requests = Sautikit.simulator().createRequests().stream()
                .filter(r -> call.idempotencyKey().equals(r.header("Idempotency-Key"))).toList();
        assertEquals(1, requests.size(), "exactly one POST /v1/calls for the payment");
        assertEquals("Bearer " + Sautikit.API_KEY, requests.get(0).header("Authorization"));
        assertTrue(requests.get(0).body().contains("\"to\":[\"" + e164 + "\"]"), requests.get(0).body());

        JsonObject script = call.documents().get(0);
        String spoken = script.toString();
        assertTrue(spoken.contains("one thousand five hundred Kenya shillings"), spoken);
        assertTrue(spoken.contains("Press 1 to confirm, press 2 to speak to an agent"), spoken);
        assertEquals(List.of("1"), call.digitsSent());

        JsonObject payment = App.awaitPayment(checkout, p -> "ACKNOWLEDGED".equals(p.getString("status"))
                && "COMPLETED".equals(p.getJsonArray("call_attempts").getJsonObject(0).getString("status")),
                Duration.ofSeconds(20));
        JsonObject attempt = payment.getJsonArray("call_attempts").getJsonObject(0);
        assertEquals(call.callId(), attempt.getString("call_id"));
        assertEquals("1", attempt.getString("digits"));
        assertEquals(1, payment.getInt("attempts"));
        assertEquals("+2547****" + msisdn.substring(9), payment.getString("phone"));
        assertNotNull(payment.getJsonObject("raw_callback"));
        assertTrue(Sautikit.simulator().documentViolations().isEmpty(), Sautikit.simulator().documentViolations()::toString);
    }

    @Test
    void duplicateCallbackPlacesNoSecondCall() {
        String msisdn = App.newMsisdn();
        String e164 = "+" + msisdn;
        String callback = DarajaPayloads.stkSuccess(250, msisdn);
        String checkout = DarajaPayloads.checkoutRequestIdOf(callback);

        assertEquals(200, App.stk(callback).statusCode());
        Sautikit.awaitSettledCalls(e164, 1, Duration.ofSeconds(20));
        App.awaitPayment(checkout, App.status("ACKNOWLEDGED"), Duration.ofSeconds(20));

        HttpResponse<String> again = App.stk(callback);
        assertEquals(200, again.statusCode());
        App.sleep(1500);
        assertEquals(1, Sautikit.callsTo(e164).size(), "the duplicate must not be dialled");
        assertEquals(1, App.payment(checkout).getInt("attempts"));
    }
}
