package ke.thibitisha.it;

import jakarta.json.JsonObject;
import ke.thibitisha.sim.daraja.DarajaPayloads;
import ke.thibitisha.sim.sautikit.CallScript;
import ke.thibitisha.sim.sautikit.RecordedRequest;
import ke.thibitisha.sim.sautikit.SautikitSimulator;
import ke.thibitisha.sim.sautikit.SimCall;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Contract §1 and §3: the cap on calls in flight, redials, and retries that never dial twice. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DialerIT {

    @ArquillianResource
    ManagementClient management;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.thibitisha();
    }

    @AfterEach
    void eventsFlowAgain() {
        Sautikit.simulator().events().dropAll(false);
    }

    @Test
    void sixtyPaymentsAreDialledOnceEachWithExactlyEightInFlight() throws Exception {
        SautikitSimulator sim = Sautikit.simulator();
        assertTrue(sim.awaitTerminal(sim.calls().size(), Duration.ofSeconds(30)), "earlier calls still running");
        sim.reset();
        List<String> numbers = new ArrayList<>();
        List<String> callbacks = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String msisdn = App.newMsisdn();
            numbers.add("+" + msisdn);
            sim.script("+" + msisdn, CallScript.answer(20, 400).pressing("1"));
            callbacks.add(DarajaPayloads.stkSuccess(100 + i, msisdn));
        }
        // a month-end burst: all sixty are queued before the dialer takes the first
        DialerDelivery.stop(management);
        try {
            ExecutorService senders = Executors.newFixedThreadPool(12);
            List<Future<Integer>> answers = callbacks.stream().map(c -> senders.submit(() -> App.stk(c).statusCode())).toList();
            for (Future<Integer> answer : answers) {
                assertEquals(200, answer.get());
            }
            senders.shutdown();
        } finally {
            DialerDelivery.start(management);
        }
        assertTrue(sim.awaitTerminal(60, Duration.ofSeconds(90)), "60 calls within 90 s, have " + sim.calls().size());
        for (String number : numbers) {
            assertEquals(1, Sautikit.callsTo(number).size(), "calls to " + number);
        }
        assertEquals(8, sim.maxInFlight(), "the simulator's highest number of calls in flight");
    }

    @Test
    void busyThenAnsweredIsTwoAttemptsWithTwoKeys() {
        String msisdn = App.newMsisdn();
        String e164 = "+" + msisdn;
        Sautikit.simulator().script(e164, CallScript.busy());
        String callback = DarajaPayloads.stkSuccess(300, msisdn);
        assertEquals(200, App.stk(callback).statusCode());
        Sautikit.awaitSettledCalls(e164, 1, Duration.ofSeconds(20));
        Sautikit.simulator().script(e164, CallScript.answer(50, 300).pressing("1")); // the redial comes after 1 s

        List<SimCall> calls = Sautikit.awaitSettledCalls(e164, 2, Duration.ofSeconds(30));
        assertEquals(2, calls.size());
        assertNotEquals(calls.get(0).idempotencyKey(), calls.get(1).idempotencyKey());
        JsonObject payment = App.awaitPayment(DarajaPayloads.checkoutRequestIdOf(callback),
                App.status("ACKNOWLEDGED"), Duration.ofSeconds(20));
        assertEquals(2, payment.getInt("attempts"));
        assertEquals("BUSY", payment.getJsonArray("call_attempts").getJsonObject(0).getString("status"));
    }

    @Test
    void attemptsRunOutAsUnreached() {
        String msisdn = App.newMsisdn();
        String e164 = "+" + msisdn;
        Sautikit.simulator().script(e164, CallScript.noAnswer());
        String callback = DarajaPayloads.stkSuccess(40, msisdn);
        assertEquals(200, App.stk(callback).statusCode());
        JsonObject payment = App.awaitPayment(DarajaPayloads.checkoutRequestIdOf(callback),
                App.status("UNREACHED"), Duration.ofSeconds(40));
        assertEquals(3, payment.getInt("attempts"), "DIALER_MAX_ATTEMPTS defaults to 3");
        assertEquals(3, Sautikit.callsTo(e164).size());
    }

    @Test
    void serviceUnavailableTwiceThenCreatedIsOneCallWithOneKey() {
        SautikitSimulator sim = idleSimulator();
        String msisdn = App.newMsisdn();
        sim.failNext(2, 503);
        String callback = DarajaPayloads.stkSuccess(500, msisdn);
        assertEquals(200, App.stk(callback).statusCode());
        SimCall call = Sautikit.awaitSettledCalls("+" + msisdn, 1, Duration.ofSeconds(30)).get(0);
        List<RecordedRequest> tries = sim.createRequests().stream()
                .filter(r -> call.idempotencyKey().equals(r.header("Idempotency-Key"))).toList();
        assertEquals(List.of(503, 503, 201), tries.stream().map(RecordedRequest::status).toList());
        App.sleep(500);
        assertEquals(1, Sautikit.callsTo("+" + msisdn).size());
    }

    @Test
    void withoutEventsSlotsAreReleasedByPolling() {
        Sautikit.simulator().events().dropAll(true);
        String msisdn = App.newMsisdn();
        String callback = DarajaPayloads.stkSuccess(60, msisdn);
        assertEquals(200, App.stk(callback).statusCode());
        JsonObject payment = App.awaitPayment(DarajaPayloads.checkoutRequestIdOf(callback),
                p -> p.getJsonArray("call_attempts").size() == 1
                        && "COMPLETED".equals(p.getJsonArray("call_attempts").getJsonObject(0).getString("status")),
                Duration.ofSeconds(20));
        assertEquals("ACKNOWLEDGED", payment.getString("status"));
        assertTrue(payment.getJsonArray("call_attempts").getJsonObject(0).containsKey("cost_minor"),
                "cost read from GET /v1/calls/{id}");
    }

    /**
     * Issue 15 defect 5: a slot is released only when Sautikit says the call ended or the hang-up succeeded. At the
     * hold timeout (20 s here) a hang-up that fails leaves a call that may still be live: its attempt stays open (the
     * slot held, no redial) until a hang-up is confirmed.
     */
    @Test
    void aCallWhoseHangUpFailsKeepsItsSlotUntilTheHangUpSucceeds() {
        SautikitSimulator sim = idleSimulator();
        String msisdn = App.newMsisdn();
        String e164 = "+" + msisdn;
        sim.script(e164, CallScript.noAnswer().after(600_000)); // rings until hung up
        String callback = DarajaPayloads.stkSuccess(70, msisdn);
        String ref = DarajaPayloads.checkoutRequestIdOf(callback);
        assertEquals(200, App.stk(callback).statusCode());
        App.awaitPayment(ref, p -> p.getJsonArray("call_attempts").size() == 1
                && "RINGING".equals(p.getJsonArray("call_attempts").getJsonObject(0).getString("status")), Duration.ofSeconds(20));
        sim.failNext(Integer.MAX_VALUE, 500); // from now on every poll and every hang-up fails
        try {
            App.sleep(Duration.ofSeconds(20 + 8).toMillis());
            JsonObject payment = App.payment(ref);
            assertEquals(1, payment.getJsonArray("call_attempts").size(), "no redial while the call may be live: " + payment);
            assertEquals("RINGING", payment.getJsonArray("call_attempts").getJsonObject(0).getString("status"),
                    "the attempt (and its slot) held past the hold timeout: " + payment);
            assertEquals(1, sim.inFlight(), "the call still rings at Sautikit");
        } finally {
            sim.script(e164, CallScript.busy()); // the redials that follow end at once
            sim.failNext(0, 500);
        }
        JsonObject payment = App.awaitPayment(ref, p -> !"RINGING".equals(
                p.getJsonArray("call_attempts").getJsonObject(0).getString("status")), Duration.ofSeconds(20));
        String ended = payment.getJsonArray("call_attempts").getJsonObject(0).getString("status");
        assertTrue(ended.equals("CANCELED") || ended.equals("TIMED_OUT"), "hung up once Sautikit confirmed it: " + ended);
        Sautikit.awaitSettledCalls(e164, 1, Duration.ofSeconds(10)); // the first call ended at Sautikit
    }

    /**
     * The simulator's faults hit the next requests of any kind, so nothing else may reach it: no payment waiting or
     * in a call, and the dialer's last {@code GET /v1/calls/{id}} after an earlier call's end has been answered.
     */
    private static SautikitSimulator idleSimulator() {
        SautikitSimulator sim = Sautikit.simulator();
        assertTrue(sim.awaitTerminal(sim.calls().size(), Duration.ofSeconds(30)), "earlier calls still running");
        awaitDialerIdle();
        return sim;
    }

    private static void awaitDialerIdle() {
        for (int i = 0; i < 150; i++) {
            JsonObject stats = App.json(App.asOps("GET", "/api/stats", null, null).body());
            if (stats.getInt("calls_in_flight") == 0 && stats.getInt("queue_depth") == 0) {
                App.sleep(500); // the follow-up GET comes within milliseconds of the terminal event
                return;
            }
            App.sleep(200);
        }
        throw new AssertionError("the dialer did not go idle within 30 s");
    }
}
