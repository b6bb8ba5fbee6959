package ke.thibitisha.sim;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CommandLineTest {

    @Test
    void readsKeyValuePairsAndFlags() {
        CommandLine cli = CommandLine.parse(new String[] {"--rate=50", "--url=http://x/y?a=b", "--help"},
                Set.of("rate", "url", "help", "count"));

        assertEquals(50, cli.getInt("rate", 1));
        assertEquals(50.0, cli.getDouble("rate", 1));
        assertEquals("http://x/y?a=b", cli.get("url", null));
        assertTrue(cli.has("help"));
        assertFalse(cli.has("count"));
        assertEquals(7, cli.getLong("count", 7));
    }

    @Test
    void rejectsUnknownAndMalformedArguments() {
        assertThrows(IllegalArgumentException.class, () -> CommandLine.parse(new String[] {"--nope=1"}, Set.of("rate")));
        assertThrows(IllegalArgumentException.class, () -> CommandLine.parse(new String[] {"rate=1"}, Set.of("rate")));
    }
}
