package ke.thibitisha.sim.sautikit;

import ke.thibitisha.sim.CommandLine;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SautikitSimulatorMainTest {

    @Test
    void argumentsBecomeOptionsAndScripts() {
        CommandLine cli = CommandLine.parse(new String[] {"--port=0", "--owned=+254711000001",
                "--api-key=k1,k2", "--max-concurrent=3", "--default-script=busy"}, Set.of("port", "owned", "api-key",
                "max-concurrent", "default-script"));
        try (SautikitSimulator sim = SautikitSimulator.start(SautikitSimulatorMain.options(cli))) {
            SimClient client = new SimClient(sim);
            sim.acceptKey(SimClient.KEY);

            assertEquals(403, client.create(SimClient.body("+254722123456"), null).statusCode(),
                    "only +254711000001 is owned");
            assertTrue(sim.baseUrl().startsWith("http://127.0.0.1:"));
        }
        Map<String, CallScript> scripts = SautikitSimulatorMain.scripts("+254722000001=busy,+254722123456=answer:1:2:1");
        assertEquals(CallScript.Outcome.BUSY, scripts.get("+254722000001").outcome());
        assertEquals("1", scripts.get("+254722123456").digits().get(0));
        assertThrows(IllegalArgumentException.class, () -> SautikitSimulatorMain.scripts("busy"));
    }

    @Test
    void theDefaultsMatchTheDocumentedRun() {
        SautikitSimulator.Options options = SautikitSimulatorMain.options(CommandLine.parse(new String[0], Set.of()));
        try (SautikitSimulator sim = SautikitSimulator.start(options.port(0))) {
            SimClient client = new SimClient(sim);
            sim.script("+254722123456", CallScript.answer(Duration.ofSeconds(10).toMillis(), 0));

            assertEquals(201, client.create(SimClient.body("+254722123456"), null).statusCode());
        }
    }
}
