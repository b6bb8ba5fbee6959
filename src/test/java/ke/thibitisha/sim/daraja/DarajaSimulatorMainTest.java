package ke.thibitisha.sim.daraja;

import ke.thibitisha.sim.CommandLine;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DarajaSimulatorMainTest {

    private static final Set<String> KNOWN = Set.of("url", "shortcode", "token", "rate", "count", "duplicates", "mix",
            "timeout-ms");

    @Test
    void argumentsNameTheTargetAndTheLoad() {
        DarajaLoad.Options options = DarajaSimulatorMain.options(CommandLine.parse(new String[] {
                "--url=http://127.0.0.1:8080/thibitisha/", "--shortcode=600984", "--token=t0k"}, KNOWN));

        assertEquals("http://127.0.0.1:8080/thibitisha/api/daraja/600984/t0k/stk", options.target().toString());
    }

    @Test
    void theDefaultsTargetTheLocalApp() {
        DarajaLoad.Options options = DarajaSimulatorMain.options(CommandLine.parse(new String[0], KNOWN));

        assertEquals("http://127.0.0.1:8080/thibitisha/api/daraja/174379/sandbox/stk", options.target().toString());
        assertThrows(IllegalArgumentException.class, () -> DarajaSimulatorMain.options(
                CommandLine.parse(new String[] {"--mix=chaos"}, KNOWN)));
    }
}
