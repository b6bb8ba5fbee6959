package ke.thibitisha.it;

import jakarta.json.JsonObject;
import ke.thibitisha.sim.daraja.DarajaPayloads;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Contract §2: what Daraja's requests get answered, and what is stored and dialled because of them. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class IntakeIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.thibitisha();
    }

    @Test
    void unknownShortcodeOrWrongTokenIsNotFoundAndStoresNothing() {
        String callback = DarajaPayloads.stkSuccess(100, App.newMsisdn());
        String checkout = DarajaPayloads.checkoutRequestIdOf(callback);
        assertEquals(404, App.post("/api/daraja/999999/it-stk-token/stk", "application/json", callback).statusCode());
        assertEquals(404, App.post("/api/daraja/174379/wrong-token/stk", "application/json", callback).statusCode());
        assertEquals(404, App.asOps("GET", "/api/payments/" + checkout, null, null).statusCode());
    }

    @Test
    void oversizedUntypedAndMalformedBodiesAreRefusedClearly() {
        String big = "{\"pad\":\"" + "x".repeat(70 * 1024) + "\"}";
        assertEquals(413, App.post(stkPath(), "application/json", big).statusCode());
        assertEquals(415, App.post(stkPath(), null, DarajaPayloads.stkSuccess(1, App.newMsisdn())).statusCode());
        assertEquals(415, App.post(stkPath(), "text/plain", DarajaPayloads.stkSuccess(1, App.newMsisdn())).statusCode());
        assertEquals(400, App.post(stkPath(), "application/json", "{not json").statusCode());
        assertEquals(400, App.post(stkPath(), "application/json", "[1,2,3]").statusCode());
    }

    @Test
    void structurallyInvalidPayloadNamesTheField() {
        HttpResponse<String> noCheckout = App.stk("{\"Body\":{\"stkCallback\":{\"ResultCode\":0}}}");
        assertEquals(400, noCheckout.statusCode());
        JsonObject answer = App.json(noCheckout.body());
        assertEquals(1, answer.getInt("ResultCode"));
        assertTrue(answer.getString("ResultDesc").contains("CheckoutRequestID"), answer.toString());

        // nothing Daraja sent is lost: the refused request is kept, raw, with the reason
        JsonObject kept = App.jsonArray(App.asOps("GET", "/api/callbacks?rejected=true&limit=5", null, null).body())
                .getValuesAs(JsonObject.class).stream().filter(r -> r.getInt("http_status") == 400).findFirst().orElseThrow();
        assertTrue(kept.getString("outcome").contains("CheckoutRequestID"), kept.toString());
        assertEquals("{\"Body\":{\"stkCallback\":{\"ResultCode\":0}}}",
                App.json(App.asOps("GET", "/api/callbacks/" + kept.getInt("id"), null, null).body()).getString("body"));

        HttpResponse<String> noAmount = App.stk(DarajaPayloads.stkSuccessWithoutMetadata());
        assertEquals(400, noAmount.statusCode());
        assertTrue(App.json(noAmount.body()).getString("ResultDesc").contains("CallbackMetadata"), noAmount.body());
    }

    @Test
    void failedPaymentIsRecordedWithItsCodeAndNotDialled() {
        String callback = DarajaPayloads.stkFailure(1032, "Request cancelled by user");
        String checkout = DarajaPayloads.checkoutRequestIdOf(callback);
        assertEquals(200, App.stk(callback).statusCode());
        JsonObject payment = App.payment(checkout);
        assertEquals("REJECTED", payment.getString("status"));
        assertEquals("1032", payment.getString("result_code"));
        assertEquals(0, payment.getJsonArray("call_attempts").size());

        String operator = DarajaPayloads.stkStringResultCode();
        assertEquals(200, App.stk(operator).statusCode());
        assertEquals("SFC_IC0003", App.payment(DarajaPayloads.checkoutRequestIdOf(operator)).getString("result_code"));
    }

    @Test
    void stringAmountAndFloatPhoneAreReadExactly() {
        String msisdn = App.newMsisdn();
        String callback = DarajaPayloads.stkSuccessStringTypes("1.00", msisdn);
        assertEquals(200, App.stk(callback).statusCode());
        Sautikit.awaitSettledCalls("+" + msisdn, 1, Duration.ofSeconds(20));
        assertEquals(new BigDecimal("1.00"), App.payment(DarajaPayloads.checkoutRequestIdOf(callback))
                .getJsonNumber("amount").bigDecimalValue());

        String floatMsisdn = App.newMsisdn();
        String floatCallback = DarajaPayloads.stkSuccessFloatPhone(20, floatMsisdn);
        assertEquals(200, App.stk(floatCallback).statusCode());
        Sautikit.awaitSettledCalls("+" + floatMsisdn, 1, Duration.ofSeconds(20));
    }

    @Test
    void maskedOrForeignNumbersAreNeverDialled() {
        String masked = stkWithPhone("\"2547 ***** 126\"");
        assertEquals(200, App.stk(masked).statusCode());
        JsonObject payment = App.payment(DarajaPayloads.checkoutRequestIdOf(masked));
        assertEquals("UNDIALABLE", payment.getString("status"));
        assertTrue(payment.getString("status_reason").contains("masked"), payment.toString());

        String ugandan = stkWithPhone("256772123456");
        assertEquals(200, App.stk(ugandan).statusCode());
        assertEquals("UNDIALABLE", App.payment(DarajaPayloads.checkoutRequestIdOf(ugandan)).getString("status"));
    }

    /** An F1-shaped success whose PhoneNumber item is given as raw JSON (the simulator only writes Kenyan numbers). */
    private static String stkWithPhone(String phoneJson) {
        String body = DarajaPayloads.stkSuccess(50, App.newMsisdn());
        return body.replaceFirst("\\{\"Name\":\"PhoneNumber\",\"Value\":[^}]*}",
                "{\"Name\":\"PhoneNumber\",\"Value\":" + java.util.regex.Matcher.quoteReplacement(phoneJson) + "}");
    }

    @Test
    void twentyConcurrentDuplicatesMakeOnePaymentAndOneCall() throws Exception {
        String msisdn = App.newMsisdn();
        String callback = DarajaPayloads.stkSuccess(777, msisdn);
        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            answers.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return App.stk(callback).statusCode();
            }, pool));
        }
        start.countDown();
        for (CompletableFuture<Integer> answer : answers) {
            assertEquals(200, answer.get());
        }
        pool.shutdown();
        Sautikit.awaitSettledCalls("+" + msisdn, 1, Duration.ofSeconds(20));
        App.sleep(1000);
        assertEquals(1, Sautikit.callsTo("+" + msisdn).size());
        assertEquals(1, App.payment(DarajaPayloads.checkoutRequestIdOf(callback)).getInt("attempts"));
    }

    @Test
    void c2bConfirmationCallsTheNumberFromTheCustomerDirectory() {
        String msisdn = App.newMsisdn();
        String account = "INV-" + msisdn.substring(6);
        assertEquals(201, App.asOps("PUT", "/api/customers/" + account, "application/json",
                "{\"phone\":\"+" + msisdn + "\"}").statusCode());
        // payers type account numbers by hand: case and spaces drift
        String confirmation = DarajaPayloads.c2bConfirmationHashed("2500.00", " " + account.toLowerCase() + " ",
                "254700000001", "");
        HttpResponse<String> answer = App.c2bConfirmation(confirmation);
        assertEquals(200, answer.statusCode(), answer.body());
        Sautikit.awaitSettledCalls("+" + msisdn, 1, Duration.ofSeconds(20));
        String spoken = Sautikit.callsTo("+" + msisdn).get(0).documents().get(0).toString();
        assertTrue(spoken.contains("shilingi elfu mbili mia tano"), spoken); // paybill 600984 speaks Swahili

        String unknown = DarajaPayloads.c2bConfirmationMasked("10", "NO-SUCH-ACCOUNT", App.newMsisdn());
        assertEquals(200, App.c2bConfirmation(unknown).statusCode());
        JsonObject undialable = App.payment(DarajaPayloads.transIdOf(unknown));
        assertEquals("UNDIALABLE", undialable.getString("status"));
        // the reason is kept beyond retention and logged: it names the account only masked
        assertTrue(undialable.getString("status_reason").contains("no customer directory entry for account ****"),
                undialable.toString());
        assertFalse(undialable.getString("status_reason").contains("NO-SUCH-ACCOUNT"), undialable.toString());
    }

    @Test
    void c2bValidationIsAcceptedAtOnce() {
        HttpResponse<String> answer = App.post("/api/daraja/" + App.C2B_SHORTCODE + "/" + App.C2B_TOKEN
                + "/c2b/validation", "application/json", DarajaPayloads.c2bValidation("100.00", "INV-1", App.newMsisdn()));
        assertEquals(200, answer.statusCode());
        assertEquals("{\"ResultCode\":\"0\",\"ResultDesc\":\"Accepted\"}", answer.body());
    }

    @Test
    void allowListHonoursForwardedForOnlyFromTrustedProxies() throws Exception {
        String path = "/api/daraja/600985/it-ip-token/stk";
        String direct = DarajaPayloads.stkFailure(1032, "Request cancelled by user");
        assertEquals(403, App.post(path, "application/json", direct).statusCode(), "127.0.0.1 is not on the list");

        String viaProxy = DarajaPayloads.stkFailure(1032, "Request cancelled by user");
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(App.BASE + path))
                .header("Content-Type", "application/json").header("X-Forwarded-For", "196.201.214.200")
                .POST(HttpRequest.BodyPublishers.ofString(viaProxy)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), "127.0.0.1 is a trusted proxy forwarding for a Safaricom address");
        assertEquals("REJECTED", App.payment(DarajaPayloads.checkoutRequestIdOf(viaProxy)).getString("status"));
    }

    private static String stkPath() {
        return "/api/daraja/" + App.STK_SHORTCODE + "/" + App.STK_TOKEN + "/stk";
    }
}
