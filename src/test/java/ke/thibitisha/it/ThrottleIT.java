package ke.thibitisha.it;

import jakarta.json.JsonObject;
import ke.thibitisha.sim.daraja.DarajaPayloads;
import ke.thibitisha.sim.sautikit.CallScript;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Contract §2 rule 13: Daraja signs nothing, so anyone who finds the URL can name any phone. At most
 * {@code DIALER_MAX_CALLS_PER_NUMBER} (default 5) payments are dialled per number in 24 h; the rest are stored
 * {@code THROTTLED}, with no call, and show in the stats. (They are also counted by the outcome meter,
 * {@code thibitisha_payments_outcome_total}, but no application meter reaches :9990/metrics in this build yet.)
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ThrottleIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.thibitisha();
    }

    @Test
    void aThousandForgedCallbacksAtOnceRingOneNumberAtMostFiveTimes() throws Exception {
        String msisdn = App.newMsisdn();
        long throttledBefore = throttledToday();
        List<String> callbacks = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            callbacks.add(DarajaPayloads.stkSuccess(10 + i, msisdn));
        }
        ExecutorService senders = Executors.newFixedThreadPool(16);
        try {
            List<Future<Integer>> answers = callbacks.stream().map(c -> senders.submit(() -> App.stk(c).statusCode())).toList();
            for (Future<Integer> answer : answers) {
                assertEquals(200, answer.get(), "every forged callback is accepted and stored");
            }
        } finally {
            senders.shutdown();
        }
        Sautikit.awaitSettledCalls("+" + msisdn, 5, Duration.ofSeconds(60));
        App.sleep(3000);
        assertEquals(5, Sautikit.callsTo("+" + msisdn).size(), "five payments dialled, no more");
        assertEquals(995, throttledToday() - throttledBefore, "the other 995 are THROTTLED in the stats");

        JsonObject last = App.payment(DarajaPayloads.checkoutRequestIdOf(callbacks.get(999)));
        JsonObject first = App.payment(DarajaPayloads.checkoutRequestIdOf(callbacks.get(0)));
        assertTrue(last.getString("status").equals("THROTTLED") || first.getString("status").equals("THROTTLED"));
    }

    @Test
    void redialsOfOnePaymentCountOnce() {
        String msisdn = App.newMsisdn();
        Sautikit.simulator().script("+" + msisdn, CallScript.busy());
        String busy = App.paidStk(msisdn, 70);
        App.awaitPayment(busy, App.status("UNREACHED"), Duration.ofSeconds(60)); // three attempts, one payment
        Sautikit.simulator().script("+" + msisdn, CallScript.answer(20, 200).pressing("1"));
        List<String> more = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            more.add(App.paidStk(msisdn, 71 + i));
        }
        for (int i = 0; i < 4; i++) {
            App.awaitPayment(more.get(i), App.status("ACKNOWLEDGED"), Duration.ofSeconds(60));
        }
        assertEquals("THROTTLED", App.payment(more.get(4)).getString("status"), "the sixth payment in 24 h");
        assertEquals(3 + 4, Sautikit.callsTo("+" + msisdn).size(), "3 attempts of the first payment, 1 each of 4 more");
    }

    private static long throttledToday() {
        return App.json(App.asOps("GET", "/api/stats", null, null).body()).getJsonObject("by_outcome").getInt("THROTTLED");
    }
}
