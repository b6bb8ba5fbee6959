package ke.thibitisha.sim.sautikit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;

import static ke.thibitisha.sim.sautikit.SimClient.FROM;
import static ke.thibitisha.sim.sautikit.SimClient.errorCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FaultInjectionTest {

    private static final String TO = "+254722123456";

    private SautikitSimulator sim;
    private SimClient client;

    @BeforeEach
    void start() {
        sim = SautikitSimulator.start(SautikitSimulator.Options.defaults().ownedNumbers(FROM)
                .defaultScript(CallScript.answer(5_000, 0)));
        client = new SimClient(sim);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void failNextAnswersTheStatusForThatManyRequestsWithoutProcessingThem() {
        sim.failNext(2, 503);

        HttpResponse<String> first = client.create(SimClient.body(TO), "key-1");
        HttpResponse<String> second = client.create(SimClient.body(TO), "key-1");
        HttpResponse<String> third = client.create(SimClient.body(TO), "key-1");

        assertEquals(503, first.statusCode());
        assertEquals("internal_error", errorCode(first));
        assertEquals(503, second.statusCode());
        assertEquals(201, third.statusCode());
        assertTrue(third.headers().firstValue("Idempotent-Replay").isEmpty(), "the failures were not cached");
        assertEquals(1, sim.calls().size());
        assertEquals(3, sim.createRequests().size());
        assertEquals(503, sim.createRequests().get(0).status());
    }

    @Test
    void failNextAppliesToEveryApiRequest() {
        sim.failNext(1, 500);

        assertEquals(500, client.get("/v1/wallet/balance").statusCode());
        assertEquals(200, client.get("/v1/wallet/balance").statusCode());
    }

    @Test
    void aDroppedConnectionStillCreatesTheCallAndTheRetryIsAReplay() {
        sim.dropConnections(1);

        UncheckedIOException dropped = assertThrows(UncheckedIOException.class,
                () -> client.create(SimClient.body(TO), "key-1"));
        HttpResponse<String> retried = client.create(SimClient.body(TO), "key-1");

        assertInstanceOf(IOException.class, dropped.getCause());
        assertEquals(201, retried.statusCode());
        assertEquals("true", retried.headers().firstValue("Idempotent-Replay").orElse(null));
        assertEquals(1, sim.calls().size());
        assertEquals(RecordedRequest.DROPPED, sim.createRequests().get(0).status());
    }

    @Test
    void slowResponsesDelayEveryAnswer() {
        sim.slowResponses(Duration.ofMillis(500));

        long start = System.nanoTime();
        HttpResponse<String> response = client.create(SimClient.body(TO), null);
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

        assertEquals(201, response.statusCode());
        assertTrue(elapsedMillis >= 500, "answered after " + elapsedMillis + " ms");
        sim.slowResponses(Duration.ZERO);
        long again = System.nanoTime();
        client.get("/v1/wallet/balance");
        assertTrue((System.nanoTime() - again) / 1_000_000 < 500);
    }
}
