package ke.thibitisha.sim.sautikit;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static ke.thibitisha.sim.sautikit.SimClient.FROM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ControlApiTest {

    private static final String TO = "+254722123456";

    private FakeApp app;
    private SautikitSimulator sim;
    private SimClient client;

    @BeforeEach
    void start() {
        app = FakeApp.start();
        sim = SautikitSimulator.start(SautikitSimulator.Options.defaults().ownedNumbers(FROM)
                .eventsUrl(app.eventsUrl()));
        client = new SimClient(sim);
    }

    @AfterEach
    void stop() {
        sim.close();
        app.close();
    }

    private HttpResponse<String> control(String method, String pathAndQuery) {
        return client.send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + pathAndQuery))
                .method(method, HttpRequest.BodyPublishers.noBody()).build());
    }

    @Test
    void scriptsAndReadsWithoutAuth() {
        assertEquals(200, control("POST", "/_sim/script?to=%2B254722123456&spec=busy").statusCode());
        client.createOk(SimClient.body(TO, app.voiceUrl()));
        assertTrue(sim.awaitTerminal(1, Duration.ofSeconds(5)));

        JsonObject state = FakeApp.json(control("GET", "/_sim/state").body());
        JsonObject calls = FakeApp.json(control("GET", "/_sim/calls").body());
        JsonObject requests = FakeApp.json(control("GET", "/_sim/requests").body());
        JsonObject events = FakeApp.json(control("GET", "/_sim/events").body());

        assertEquals(1, state.getInt("calls"));
        assertEquals(1, state.getInt("max_in_flight"));
        assertEquals(0, state.getInt("in_flight"));
        assertEquals("busy", calls.getJsonArray("calls").getJsonObject(0).getJsonObject("call").getString("status"));
        assertEquals(201, requests.getJsonArray("requests").getJsonObject(0).getInt("status"));
        assertEquals(2, events.getJsonArray("attempts").size());
    }

    @Test
    void setsFaultsEventSwitchesAndConfig() throws InterruptedException {
        control("POST", "/_sim/faults?failNext=1&status=502");
        control("POST", "/_sim/events?dropAll=true");
        control("POST", "/_sim/config?maxConcurrentCalls=1&balanceMinor=500&encoding=JSON");
        control("POST", "/_sim/script?to=default&spec=answer:0:10000");

        assertEquals(502, client.create(SimClient.body(TO), null).statusCode());
        assertEquals(201, client.create(SimClient.body(TO), null).statusCode());
        assertEquals(429, client.create(SimClient.body(TO), null).statusCode());
        assertEquals(500, sim.wallet().balanceMinor());
        // the first event is published on the simulator's own thread, just after the create answered
        List<EventPublisher.Attempt> attempts = awaitAttempts(Duration.ofSeconds(5));
        assertEquals(EventPublisher.Attempt.DROPPED, attempts.get(0).status());
    }

    @Test
    void resetsAndRejectsNonsense() {
        client.createOk(SimClient.body(TO));

        assertEquals(200, control("POST", "/_sim/reset").statusCode());
        assertEquals(0, sim.calls().size());
        assertEquals(400, control("POST", "/_sim/script?to=%2B254722123456&spec=ring").statusCode());
        assertEquals(400, control("POST", "/_sim/script?spec=busy").statusCode());
        assertEquals(404, control("GET", "/_sim/nothing").statusCode());
    }

    private List<EventPublisher.Attempt> awaitAttempts(Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (sim.events().attempts().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return sim.events().attempts();
    }
}
