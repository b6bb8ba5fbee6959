package ke.thibitisha.sim.sautikit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static ke.thibitisha.sim.sautikit.SimClient.FROM;
import static ke.thibitisha.sim.sautikit.SimClient.errorCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LimitsAndBillingTest {

    private SautikitSimulator sim;

    @AfterEach
    void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    private SimClient start(SautikitSimulator.Options options) {
        sim = SautikitSimulator.start(options.ownedNumbers(FROM));
        return new SimClient(sim);
    }

    private static String to(int i) {
        return String.format("+2547220%05d", i);
    }

    @Test
    void theCallBeyondTheLimitIs429AndASlotFreesWhenACallEnds() {
        SimClient client = start(SautikitSimulator.Options.defaults().maxConcurrentCalls(2)
                .defaultScript(CallScript.answer(10_000, 0)));
        String first = client.createOk(SimClient.body(to(1)));
        client.createOk(SimClient.body(to(2)));

        HttpResponse<String> refused = client.create(SimClient.body(to(3)), "k3");

        assertEquals(429, refused.statusCode());
        assertEquals("calls.concurrency_limit", errorCode(refused));
        assertEquals("1", refused.headers().firstValue("Retry-After").orElse(null));
        assertEquals(2, sim.calls().size());

        client.post("/v1/calls/" + first + "/hangup", "");
        assertEquals(201, client.create(SimClient.body(to(3)), "k3").statusCode());
    }

    @Test
    void theDefaultLimitIsTen() {
        SimClient client = start(SautikitSimulator.Options.defaults().defaultScript(CallScript.answer(10_000, 0)));
        for (int i = 0; i < 10; i++) {
            client.createOk(SimClient.body(to(i)));
        }

        assertEquals(429, client.create(SimClient.body(to(10)), null).statusCode());
        assertEquals(10, sim.inFlight());
    }

    @Test
    void anEmptyWalletIs402BeforeAnythingDials() {
        SimClient client = start(SautikitSimulator.Options.defaults());
        sim.wallet().setBalanceMinor(0);

        HttpResponse<String> refused = client.create(SimClient.body(to(1)), null);

        assertEquals(402, refused.statusCode());
        assertEquals("wallet.insufficient_funds", errorCode(refused));
        assertTrue(sim.calls().isEmpty());
        assertEquals(0, sim.maxInFlight());
    }

    @Test
    void maxInFlightIsTheHighWaterMarkUnderConcurrentCreates() throws Exception {
        SimClient client = start(SautikitSimulator.Options.defaults().maxConcurrentCalls(10)
                .defaultScript(CallScript.answer(0, 60_000)));
        int requests = 60;
        ExecutorService pool = Executors.newFixedThreadPool(30);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> statuses = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            String body = SimClient.body(to(i));
            statuses.add(pool.submit(() -> {
                go.await();
                return client.create(body, null).statusCode();
            }));
        }
        go.countDown();
        int created = 0;
        for (Future<Integer> status : statuses) {
            int code = status.get();
            assertTrue(code == 201 || code == 429, "unexpected " + code);
            created += code == 201 ? 1 : 0;
        }
        pool.shutdown();

        assertEquals(10, created, "the calls last a minute, so only the first ten get in");
        assertEquals(10, sim.maxInFlight());
        assertEquals(created, sim.calls().size());
        sim.calls().forEach(call -> client.post("/v1/calls/" + call.callId() + "/hangup", ""));
        assertTrue(sim.awaitTerminal(created, Duration.ofSeconds(5)));
        assertEquals(0, sim.inFlight());
        assertEquals(10, sim.maxInFlight());
    }

    @Test
    void aHundredConcurrentCallsAreAllCountedInFlightThenReleased() throws Exception {
        SimClient client = start(SautikitSimulator.Options.defaults().maxConcurrentCalls(500)
                .defaultScript(CallScript.answer(20, 60_000)));
        ExecutorService pool = Executors.newFixedThreadPool(50);
        List<Future<String>> ids = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String body = SimClient.body(to(i));
            ids.add(pool.submit(() -> client.createOk(body)));
        }
        for (Future<String> id : ids) {
            id.get();
        }
        assertEquals(100, sim.inFlight());
        for (Future<String> id : ids) {
            pool.submit(() -> client.post("/v1/calls/" + id.get() + "/hangup", ""));
        }
        pool.shutdown();

        assertTrue(sim.awaitTerminal(100, Duration.ofSeconds(10)));
        assertEquals(100, sim.maxInFlight());
        assertEquals(0, sim.inFlight());
    }

    @Test
    void answeredCallsArePricedPerStartedMinuteAndDebited() {
        SimClient client = start(SautikitSimulator.Options.defaults().defaultScript(CallScript.answer(0, 10)));
        long before = sim.wallet().balanceMinor();
        String callId = client.createOk(SimClient.body(to(1)));

        assertTrue(sim.awaitTerminal(1, Duration.ofSeconds(5)));
        SimCall call = sim.call(callId).orElseThrow();
        assertEquals(1, call.durationSeconds(), "a fraction of a second rounds up to 1 s");
        assertEquals(300, call.costMinor(), "ceil(1 / 60) minutes × 300");
        assertEquals(before - 300, sim.wallet().balanceMinor());
        assertEquals(300, client.call(callId).getInt("cost_minor"));
        assertEquals(1, client.call(callId).getInt("duration_seconds"));
    }

    @Test
    void perSecondBillingIsSelectable() {
        SimClient client = start(SautikitSimulator.Options.defaults().billing(Billing.PER_SECOND)
                .defaultScript(CallScript.answer(0, 10)));
        String callId = client.createOk(SimClient.body(to(1)));

        assertTrue(sim.awaitTerminal(1, Duration.ofSeconds(5)));
        assertEquals(5, sim.call(callId).orElseThrow().costMinor(), "1 s × 5 minor/s");
    }

    @Test
    void unansweredCallsCostNothing() {
        SimClient client = start(SautikitSimulator.Options.defaults().defaultScript(CallScript.busy()));
        long before = sim.wallet().balanceMinor();
        String callId = client.createOk(SimClient.body(to(1)));

        assertTrue(sim.awaitTerminal(1, Duration.ofSeconds(5)));
        assertEquals(0, sim.call(callId).orElseThrow().costMinor());
        assertEquals(before, sim.wallet().balanceMinor());
    }

    @Test
    void billingRulesRoundUp() {
        assertEquals(600, Billing.PER_MINUTE.costMinor(90, 300));
        assertEquals(300, Billing.PER_MINUTE.costMinor(60, 300));
        assertEquals(0, Billing.PER_MINUTE.costMinor(0, 300));
        assertEquals(450, Billing.PER_SECOND.costMinor(90, 300));
        assertEquals(1, Billing.PER_SECOND.costMinor(1, 1));
    }
}
