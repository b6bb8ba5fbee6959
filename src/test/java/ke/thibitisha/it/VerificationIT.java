package ke.thibitisha.it;

import jakarta.json.JsonObject;
import ke.thibitisha.sim.daraja.DarajaApiSimulator;
import ke.thibitisha.sim.daraja.DarajaApiSimulator.Query;
import ke.thibitisha.sim.daraja.DarajaPayloads;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.dmr.ModelNode;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Contract §9: successful STK payments of a verified paybill (174380 here, give-up PT15S) are confirmed with
 * Daraja's STK Push Query before their call, against the Daraja simulator in this JVM.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class VerificationIT {

    @ArquillianResource
    ManagementClient management;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.thibitisha();
    }

    @AfterEach
    void calmDaraja() {
        DarajaApiSimulator daraja = Daraja.simulator();
        daraja.spikeArrestPerSecond(0);
        daraja.flakyEvery(0);
        daraja.latency(Duration.ZERO);
    }

    @Test
    void aGenuinePaymentIsConfirmedThenDialled() {
        String msisdn = App.newMsisdn();
        String checkout = paid(msisdn);
        JsonObject payment = dialledOnce(checkout, msisdn);
        assertTrue(trail(payment).contains("VERIFYING->QUEUED"), trail(payment));
        List<Query> queries = Daraja.simulator().queriesFor(checkout);
        assertEquals(1, queries.size(), "queries: " + queries);
        assertEquals("0", queries.get(0).code());
    }

    @Test
    void aFinalFailureCodeLeavesThePaymentUnverifiedAndUndialled() {
        String msisdn = App.newMsisdn();
        String checkout = callback(msisdn, "1032");
        JsonObject payment = App.awaitPayment(checkout, App.status("UNVERIFIED"), Duration.ofSeconds(20));
        assertTrue(payment.getString("status_reason", payment.toString()).contains("1032"), payment.toString());
        App.sleep(1500);
        assertEquals(0, Sautikit.callsTo("+" + msisdn).size());
        assertEquals(1, Daraja.simulator().queriesFor(checkout).size(), "a final answer is not asked again");
    }

    @Test
    void aForgedPaymentDarajaNeverHeardOfIsUnverifiedAfterTheGiveUpAndNeverDialled() {
        String msisdn = App.newMsisdn();
        String forged = DarajaPayloads.stkSuccess(2500, msisdn);
        String checkout = DarajaPayloads.checkoutRequestIdOf(forged);
        assertEquals(200, stk(forged).statusCode());
        App.sleep(5000);
        assertEquals("VERIFYING", App.payment(checkout).getString("status"), "500.001.1001 proves nothing: asked again");
        JsonObject payment = App.awaitPayment(checkout, App.status("UNVERIFIED"), Duration.ofSeconds(30));
        List<Query> queries = Daraja.simulator().queriesFor(checkout);
        assertTrue(queries.size() >= 3, "asked again with backoff: " + queries.size());
        assertTrue(queries.stream().allMatch(q -> q.code().equals("500.001.1001")), queries.toString());
        assertTrue(payment.toString().contains("no decision from Daraja"), payment.toString());
        assertEquals(0, Sautikit.callsTo("+" + msisdn).size());
    }

    @Test
    void stillProcessingThenPaidIsDialled() {
        String msisdn = App.newMsisdn();
        String body = DarajaPayloads.stkSuccess(700, msisdn);
        String checkout = DarajaPayloads.checkoutRequestIdOf(body);
        Daraja.simulator().know(checkout, "0", 2, DarajaApiSimulator.Pending.STILL_PROCESSING);
        assertEquals(200, stk(body).statusCode());
        dialledOnce(checkout, msisdn);
        List<String> codes = Daraja.simulator().queriesFor(checkout).stream().map(Query::code).toList();
        assertEquals(List.of("4999", "4999", "0"), codes);
    }

    @Test
    void beingProcessedAndIntermittent500sAreAskedAgain() {
        Daraja.simulator().flakyEvery(2);
        String msisdn = App.newMsisdn();
        String body = DarajaPayloads.stkSuccess(800, msisdn);
        String checkout = DarajaPayloads.checkoutRequestIdOf(body);
        Daraja.simulator().know(checkout, "0", 1, DarajaApiSimulator.Pending.BEING_PROCESSED);
        assertEquals(200, stk(body).statusCode());
        dialledOnce(checkout, msisdn);
        // query 1: being processed; 2: the intermittent 500.001.1001; 3: paid
        assertEquals(List.of("500.001.1001", "500.001.1001", "0"),
                Daraja.simulator().queriesFor(checkout).stream().map(Query::code).toList());
    }

    @Test
    void spikeArrestIsRetriedUntilEveryPaymentIsDialled() throws Exception {
        DarajaApiSimulator daraja = Daraja.simulator();
        daraja.spikeArrestPerSecond(2);
        List<String> numbers = new ArrayList<>();
        List<String> checkouts = new ArrayList<>();
        // all five wait for the verifier together, so their queries go out within a second however slow intake is
        verifierDelivery("stop-delivery");
        try {
            for (int i = 0; i < 5; i++) {
                String msisdn = App.newMsisdn();
                numbers.add(msisdn);
                checkouts.add(paid(msisdn));
            }
        } finally {
            verifierDelivery("start-delivery");
        }
        for (int i = 0; i < checkouts.size(); i++) {
            dialledOnce(checkouts.get(i), numbers.get(i));
        }
        long arrested = checkouts.stream().flatMap(c -> daraja.queriesFor(c).stream())
                .filter(q -> q.code().equals("500.003.02")).count();
        assertTrue(arrested > 0, "five queries within a second trip a limit of two a second");
        JsonObject verification = App.json(App.asOps("GET", "/api/stats", null, null).body()).getJsonObject("verification");
        assertTrue(verification.getJsonObject("daraja_errors").getInt("500.003.02", 0) >= arrested, verification.toString());
        assertTrue(verification.getInt("verified") >= 5, verification.toString());
        assertTrue(verification.containsKey("latency_ms"), verification.toString());
    }

    @Test
    void anOperatorReleasesAnUnverifiedPaymentWithRedial() {
        String msisdn = App.newMsisdn();
        String checkout = callback(msisdn, "1");
        JsonObject unverified = App.awaitPayment(checkout, App.status("UNVERIFIED"), Duration.ofSeconds(20));
        HttpResponse<String> redial = App.asOps("POST", "/api/payments/" + unverified.getInt("id") + "/redial", null, null);
        assertEquals(202, redial.statusCode(), redial.body());
        dialledOnce(checkout, msisdn);
        assertEquals(1, Daraja.simulator().queriesFor(checkout).size(), "a released payment is not verified again");
    }

    @Test
    void c2bPaymentsOfAVerifiedPaybillAreNotQueried() {
        String msisdn = App.newMsisdn();
        String account = "VER-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        assertEquals(201, App.asOps("PUT", "/api/customers/" + account, "application/json",
                "{\"phone\":\"+" + msisdn + "\"}").statusCode());
        String receipt = "UKV" + UUID.randomUUID().toString().replace("-", "").substring(0, 7).toUpperCase();
        String confirmation = DarajaPayloads.c2bConfirmationHashed(receipt, "300.00", account, msisdn, "");
        int before = Daraja.simulator().queries().size();
        assertEquals(200, App.post("/api/daraja/" + Daraja.SHORTCODE + "/" + Daraja.TOKEN + "/c2b/confirmation",
                "application/json", confirmation).statusCode());
        dialledOnce(receipt, msisdn);
        assertEquals(before, Daraja.simulator().queries().size());
    }

    @Test
    void aVerificationInProgressSurvivesARestart() throws Exception {
        String msisdn = App.newMsisdn();
        String body = DarajaPayloads.stkSuccess(900, msisdn);
        String checkout = DarajaPayloads.checkoutRequestIdOf(body);
        DarajaApiSimulator daraja = Daraja.simulator();
        daraja.know(checkout, "0", 1_000, DarajaApiSimulator.Pending.STILL_PROCESSING);
        assertEquals(200, stk(body).statusCode());
        Instant deadline = Instant.now().plusSeconds(10);
        while (daraja.queriesFor(checkout).isEmpty() && Instant.now().isBefore(deadline)) {
            App.sleep(100);
        }
        assertTrue(!daraja.queriesFor(checkout).isEmpty(), "asked before the reload");

        ModelNode reload = new ModelNode();
        reload.get("operation").set("reload");
        reload.get("address").setEmptyList();
        management.getControllerClient().execute(reload);
        daraja.know(checkout, "0");
        awaitRunning();

        dialledOnce(checkout, msisdn);
    }

    /**
     * Waits until the payment has left verification and its one call has ended (how the payer answered the
     * simulator is not this test's concern), and checks that exactly one call was placed.
     */
    private static JsonObject dialledOnce(String ref, String msisdn) {
        JsonObject payment = App.awaitPayment(ref, p -> !p.getJsonArray("call_attempts").isEmpty(), Duration.ofSeconds(60));
        Sautikit.awaitSettledCalls("+" + msisdn, 1, Duration.ofSeconds(60));
        assertEquals(1, Sautikit.callsTo("+" + msisdn).size(), "calls to the payer");
        return payment;
    }

    /** A paid STK callback Daraja knows as paid; returns its CheckoutRequestID. */
    private static String paid(String msisdn) {
        return callback(msisdn, "0");
    }

    /** A paid STK callback whose STK Push Query answers {@code queryCode}. */
    private static String callback(String msisdn, String queryCode) {
        String body = DarajaPayloads.stkSuccess(1500, msisdn);
        String checkout = DarajaPayloads.checkoutRequestIdOf(body);
        Daraja.simulator().know(checkout, queryCode);
        HttpResponse<String> answer = stk(body);
        assertEquals(200, answer.statusCode(), answer.body());
        return checkout;
    }

    private static HttpResponse<String> stk(String body) {
        return App.post("/api/daraja/" + Daraja.SHORTCODE + "/" + Daraja.TOKEN + "/stk", "application/json;charset=UTF-8", body);
    }

    private static String trail(JsonObject payment) {
        return payment.getJsonArray("audit_trail").getValuesAs(JsonObject.class).stream()
                .map(t -> t.getString("from", "") + "->" + t.getString("to", "")).toList().toString();
    }

    /** {@code stop-delivery} / {@code start-delivery} of the verifier MDB, as an operator would from the CLI. */
    private void verifierDelivery(String operation) throws java.io.IOException {
        ModelNode op = new ModelNode();
        op.get("operation").set(operation);
        op.get("address").add("deployment", "thibitisha.war").add("subsystem", "ejb3")
                .add("message-driven-bean", "VerifierMDB");
        ModelNode result = management.getControllerClient().execute(op);
        assertEquals("success", result.get("outcome").asString(), result.toString());
    }

    private void awaitRunning() {
        ModelNode state = new ModelNode();
        state.get("operation").set("read-attribute");
        state.get("name").set("server-state");
        state.get("address").setEmptyList();
        Instant deadline = Instant.now().plusSeconds(60);
        App.sleep(1000);
        while (Instant.now().isBefore(deadline)) {
            try {
                ModelNode result = management.getControllerClient().execute(state);
                if ("running".equals(result.get("result").asString())) {
                    return;
                }
            } catch (Exception e) {
                // the management interface is restarting
            }
            App.sleep(500);
        }
        throw new AssertionError("server not running again within 60 s");
    }
}
