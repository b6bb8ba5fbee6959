package ke.thibitisha.sim.sautikit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static ke.thibitisha.sim.sautikit.SimClient.FROM;
import static ke.thibitisha.sim.sautikit.SimClient.errorCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdempotencyTest {

    private static final String TO = "+254722123456";

    private SautikitSimulator sim;

    @AfterEach
    void stop() {
        sim.close();
    }

    private SimClient start(SautikitSimulator.Options options) {
        sim = SautikitSimulator.start(options.ownedNumbers(FROM).defaultScript(CallScript.answer(5_000, 0)));
        return new SimClient(sim);
    }

    @Test
    void sameKeyAndBodyReplaysTheStoredAnswerWithoutANewCall() {
        SimClient client = start(SautikitSimulator.Options.defaults());

        HttpResponse<String> first = client.create(SimClient.body(TO), "pay-1-attempt-1");
        HttpResponse<String> replay = client.create(SimClient.body(TO), "pay-1-attempt-1");

        assertEquals(201, first.statusCode());
        assertEquals(201, replay.statusCode());
        assertEquals(first.body(), replay.body());
        assertTrue(first.headers().firstValue("Idempotent-Replay").isEmpty());
        assertEquals("true", replay.headers().firstValue("Idempotent-Replay").orElse(null));
        assertEquals(1, sim.calls().size());
        assertEquals("pay-1-attempt-1", sim.calls().get(0).idempotencyKey());
        List<RecordedRequest> requests = sim.createRequests();
        assertEquals(2, requests.size());
        assertFalse(requests.get(0).replayed());
        assertTrue(requests.get(1).replayed());
        assertEquals("pay-1-attempt-1", requests.get(1).header("idempotency-key"));
    }

    @Test
    void sameKeyWithAnotherBodyIs409Conflict() {
        SimClient client = start(SautikitSimulator.Options.defaults());
        client.create(SimClient.body(TO), "key-1");

        HttpResponse<String> conflict = client.create(SimClient.body("+254722000009"), "key-1");

        assertEquals(409, conflict.statusCode());
        assertEquals("idempotency.conflict", errorCode(conflict));
        assertEquals(1, sim.calls().size());
    }

    @Test
    void differentKeysCreateDifferentCalls() {
        SimClient client = start(SautikitSimulator.Options.defaults());

        client.create(SimClient.body(TO), "key-1");
        client.create(SimClient.body(TO), "key-2");
        client.create(SimClient.body(TO), null);

        assertEquals(3, sim.calls().size());
        assertNull(sim.calls().get(2).idempotencyKey());
    }

    @Test
    void concurrentRequestsWithOneKeyCreateOneCall() throws Exception {
        SimClient client = start(SautikitSimulator.Options.defaults());
        sim.slowResponses(Duration.ofMillis(50)); // keeps the first request open while the others arrive
        int requests = 20;
        ExecutorService pool = Executors.newFixedThreadPool(requests);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            answers.add(pool.submit(() -> {
                go.await();
                return client.create(SimClient.body(TO), "same-key");
            }));
        }
        go.countDown();
        Set<String> bodies = new java.util.HashSet<>();
        for (Future<HttpResponse<String>> answer : answers) {
            HttpResponse<String> response = answer.get();
            assertEquals(201, response.statusCode());
            bodies.add(response.body());
        }
        pool.shutdown();

        assertEquals(1, sim.calls().size());
        assertEquals(1, bodies.size());
        assertEquals(requests - 1, sim.createRequests().stream().filter(RecordedRequest::replayed).count());
    }

    @Test
    void refusedRequestsAreNotCachedSoTheSameKeyWorksLater() {
        SimClient client = start(SautikitSimulator.Options.defaults());
        sim.wallet().setBalanceMinor(0);
        assertEquals(402, client.create(SimClient.body(TO), "key-1").statusCode());
        sim.wallet().setBalanceMinor(10_000);

        HttpResponse<String> retried = client.create(SimClient.body(TO), "key-1");

        assertEquals(201, retried.statusCode());
        assertTrue(retried.headers().firstValue("Idempotent-Replay").isEmpty());
        assertEquals(1, sim.calls().size());
    }

    @Test
    void aKeyCanBeReusedAfterTheWindow() {
        MutableClock clock = new MutableClock();
        SimClient client = start(SautikitSimulator.Options.defaults().clock(clock));
        String first = client.create(SimClient.body(TO), "key-1").body();

        clock.advance(Duration.ofHours(24).plusSeconds(1));
        String later = client.create(SimClient.body(TO), "key-1").body();

        assertNotEquals(first, later);
        assertEquals(2, sim.calls().size());
        assertEquals(Set.of("key-1"), sim.calls().stream().map(SimCall::idempotencyKey).collect(Collectors.toSet()));
    }

    /** A clock the test moves by hand. */
    static final class MutableClock extends Clock {
        private volatile Instant now = Instant.now();

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
