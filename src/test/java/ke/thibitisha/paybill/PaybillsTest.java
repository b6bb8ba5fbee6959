package ke.thibitisha.paybill;

import ke.thibitisha.platform.MapConfig;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Contract §2 rule 12: the default {@code sandbox} token of paybill 174379 only while dialling is not configured. */
class PaybillsTest {

    private static Paybills paybills(Map<String, String> config) {
        Paybills paybills = new Paybills();
        paybills.settings = MapConfig.settings(config);
        return paybills;
    }

    @Test
    void sandboxTokenWorksWhileNoSautikitKeyIsSet() {
        Paybills paybills = paybills(Map.of());
        assertTrue(paybills.authenticate("174379", "sandbox").isPresent());
        assertFalse(paybills.authenticate("174379", "other").isPresent());
        assertEquals(List.of(), paybills.withoutToken());
    }

    @Test
    void sandboxTokenIsRefusedOnceASautikitKeyIsSet() {
        Paybills paybills = paybills(Map.of("sautikit.api.key", "live-key"));
        assertFalse(paybills.authenticate("174379", "sandbox").isPresent());
        assertEquals(List.of("174379"), paybills.withoutToken());
        assertEquals("PAYBILL_174379_TOKEN", Paybills.tokenKey("174379"));
    }

    @Test
    void anExplicitTokenWorksWithAKeyAndReplacesSandbox() {
        Paybills paybills = paybills(Map.of("sautikit.api.key", "live-key", "paybill.174379.token", "s3cret"));
        assertTrue(paybills.authenticate("174379", "s3cret").isPresent());
        assertFalse(paybills.authenticate("174379", "sandbox").isPresent());
        assertEquals(List.of(), paybills.withoutToken());
    }

    @Test
    void otherPaybillsNeverHaveADefaultToken() {
        Paybills paybills = paybills(Map.of("thibitisha.paybills", "174379,600984"));
        assertFalse(paybills.authenticate("600984", "sandbox").isPresent());
        assertEquals(List.of("600984"), paybills.withoutToken());
    }
}
