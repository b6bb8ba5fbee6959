package ke.thibitisha.it;

import ke.thibitisha.sim.daraja.DarajaApiSimulator;

import java.util.Map;

/**
 * The one Daraja API simulator (OAuth and STK Push Query) of the integration-test JVM, where the server under test
 * looks for Daraja (src/test/resources/arquillian.xml). Only paybill 174380 is verified; the others are not, so the
 * rest of the suite never meets it. Tests keep apart by their own CheckoutRequestIDs.
 */
final class Daraja {

    static final String SHORTCODE = "174380";
    static final String TOKEN = "it-verify-token";
    static final String PASSKEY = "it-verify-passkey";

    private static DarajaApiSimulator instance;

    private Daraja() {
    }

    static synchronized DarajaApiSimulator simulator() {
        if (instance == null) {
            instance = DarajaApiSimulator.start(18090, "it-daraja-key", "it-daraja-secret", Map.of(SHORTCODE, PASSKEY));
            Runtime.getRuntime().addShutdownHook(new Thread(instance::close));
        }
        return instance;
    }
}
