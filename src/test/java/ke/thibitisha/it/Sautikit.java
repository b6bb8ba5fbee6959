package ke.thibitisha.it;

import ke.thibitisha.sim.sautikit.CallScript;
import ke.thibitisha.sim.sautikit.SautikitSimulator;
import ke.thibitisha.sim.sautikit.SimCall;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The one Sautikit simulator of the integration-test JVM, where the server under test is told to find
 * Sautikit (src/test/resources/arquillian.xml). Tests keep apart by dialling their own numbers.
 */
final class Sautikit {

    static final String API_KEY = "it-api-key";
    static final String FROM = "+254711000000";
    static final String WEBHOOK_SECRET = "whsec_it_secret";
    static final String EVENTS_URL = App.BASE + "/api/sautikit/events";

    private static SautikitSimulator instance;

    private Sautikit() {
    }

    static synchronized SautikitSimulator simulator() {
        if (instance == null) {
            instance = SautikitSimulator.start(SautikitSimulator.Options.defaults()
                    .port(18089)
                    .apiKey(API_KEY)
                    .ownedNumbers(FROM)
                    .eventsUrl(EVENTS_URL)
                    .webhookSecret(WEBHOOK_SECRET)
                    .maxConcurrentCalls(10)
                    .defaultScript(CallScript.answer(50, 300).pressing("1")));
            Runtime.getRuntime().addShutdownHook(new Thread(instance::close));
        }
        return instance;
    }

    /** Calls placed to one number, oldest first. */
    static List<SimCall> callsTo(String e164) {
        return simulator().calls().stream().filter(c -> e164.equals(c.to())).toList();
    }

    /** Waits until that many calls to the number exist and all have ended (their final events sent). */
    static List<SimCall> awaitSettledCalls(String e164, int count, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            List<SimCall> calls = callsTo(e164);
            if (calls.size() >= count && calls.stream().allMatch(SimCall::isSettled)) {
                return calls;
            }
            App.sleep(50);
        }
        throw new AssertionError("expected " + count + " settled calls to " + e164 + " within " + timeout
                + ", have " + callsTo(e164).size());
    }
}
