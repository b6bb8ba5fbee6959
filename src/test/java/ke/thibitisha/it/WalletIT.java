package ke.thibitisha.it;

import jakarta.json.JsonObject;
import ke.thibitisha.sim.daraja.DarajaPayloads;
import ke.thibitisha.sim.sautikit.SautikitSimulator;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Contract §3 and §5: an empty Sautikit wallet pauses dialling, keeps the payment queued, shows in
 * {@code GET /api/stats} (never in readiness: the node still takes callbacks), and heals.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class WalletIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.thibitisha();
    }

    @AfterEach
    void topUp() {
        Sautikit.simulator().wallet().setBalanceMinor(1_000_000_00L);
        Sautikit.simulator().suspend(false);
    }

    /** Issue 15 defect 6: a 403 account.suspended pauses dialling like an empty wallet; nothing turns FAILED. */
    @Test
    void aSuspendedAccountPausesDiallingAndKeepsThePaymentQueued() {
        SautikitSimulator sim = Sautikit.simulator();
        sim.suspend(true);
        String msisdn = App.newMsisdn();
        String callback = DarajaPayloads.stkSuccess(110, msisdn);
        assertEquals(200, App.stk(callback).statusCode());
        String checkout = DarajaPayloads.checkoutRequestIdOf(callback);

        waitForRefusals(sim, msisdn, 403);
        App.awaitPayment(checkout, App.status("QUEUED"), Duration.ofSeconds(5));
        JsonObject dialling = dialling();
        assertEquals("paused", dialling.getString("state"), dialling.toString());
        assertTrue(dialling.getString("reason").contains("account.suspended"), dialling.toString());
        App.sleep(3000); // a probe or two more, still refused
        assertTrue(List.of("QUEUED", "DIALING").contains(App.payment(checkout).getString("status")), "kept, not FAILED");

        sim.suspend(false);
        App.awaitPayment(checkout, App.status("ACKNOWLEDGED"), Duration.ofSeconds(20));
        assertEquals("running", dialling().getString("state"));
    }

    @Test
    void emptyWalletPausesDiallingUntilATopUp() {
        SautikitSimulator sim = Sautikit.simulator();
        sim.wallet().setBalanceMinor(0);
        String msisdn = App.newMsisdn();
        String callback = DarajaPayloads.stkSuccess(100, msisdn);
        assertEquals(200, App.stk(callback).statusCode());
        String checkout = DarajaPayloads.checkoutRequestIdOf(callback);

        long refused = waitForRefusals(sim, msisdn, 402);
        assertTrue(refused >= 1);
        JsonObject dialling = dialling();
        assertEquals("paused", dialling.getString("state"), dialling.toString());
        assertTrue(dialling.getString("reason").contains("wallet"), dialling.toString());
        assertEquals("UP", Health.ready().getString("status"), "a paused dialler never takes readiness down");
        assertTrue(Health.check("dialling").isEmpty(), "no dialling check in readiness");
        assertEquals("QUEUED", App.payment(checkout).getString("status"), "kept, not dropped or failed");
        assertEquals(0, Sautikit.callsTo("+" + msisdn).size());

        sim.wallet().setBalanceMinor(1_000_000_00L);
        Sautikit.awaitSettledCalls("+" + msisdn, 1, Duration.ofSeconds(20));
        App.awaitPayment(checkout, App.status("ACKNOWLEDGED"), Duration.ofSeconds(20));
        assertEquals("running", dialling().getString("state"));
        assertTrue(dialling().getString("node").length() > 0, "the node that dials");
    }

    private static JsonObject dialling() {
        return App.json(App.asOps("GET", "/api/stats", null, null).body()).getJsonObject("dialling");
    }

    private static long waitForRefusals(SautikitSimulator sim, String msisdn, int status) {
        for (int i = 0; i < 100; i++) {
            long refused = sim.createRequests().stream()
                    .filter(r -> r.status() == status && r.body().contains(msisdn)).count();
            if (refused > 0) {
                return refused;
            }
            App.sleep(100);
        }
        throw new AssertionError("Sautikit was never asked to dial " + msisdn);
    }
}
