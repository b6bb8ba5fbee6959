package ke.thibitisha.it;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import ke.thibitisha.sim.daraja.DarajaPayloads;
import ke.thibitisha.sim.sautikit.CallScript;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Contract §5: the operations API behind the WildFly application realm, and health. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OpsIT {

    private static final List<String[]> ENDPOINTS = List.of(
            new String[]{"GET", "/api/payments", null, null},
            new String[]{"GET", "/api/payments/1", null, null},
            new String[]{"POST", "/api/payments/999999999/redial", null, null},
            new String[]{"GET", "/api/stats", null, null},
            new String[]{"GET", "/api/callbacks", null, null},
            new String[]{"PUT", "/api/customers/ACC-1", "application/json", "{\"phone\":\"+254712345678\"}"},
            new String[]{"POST", "/api/customers", "text/csv", "account_ref,phone\nACC-2,+254712345679\n"});

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.thibitisha();
    }

    @Test
    void everyOperationsEndpointWantsTheOpsRole() {
        for (String[] e : ENDPOINTS) {
            assertEquals(401, App.as(null, e[0], e[1], e[2], e[3]).statusCode(), "no credentials: " + e[1]);
            assertEquals(403, App.as(App.OTHER_USER, e[0], e[1], e[2], e[3]).statusCode(), "no ops role: " + e[1]);
            int status = App.as(App.OPS_USER, e[0], e[1], e[2], e[3]).statusCode();
            assertTrue(status != 401 && status != 403, "ops user let in on " + e[1] + " (got " + status + ")");
        }
    }

    @Test
    void paymentStoryListingStatsAndRedial() {
        String msisdn = App.newMsisdn();
        Sautikit.simulator().script("+" + msisdn, CallScript.answer(50, 300).pressing("1"));
        String callback = DarajaPayloads.stkSuccess(1200, msisdn);
        App.stk(callback);
        JsonObject story = App.awaitPayment(DarajaPayloads.checkoutRequestIdOf(callback),
                p -> "ACKNOWLEDGED".equals(p.getString("status")) && p.getJsonArray("call_attempts")
                        .getJsonObject(0).containsKey("cost_minor"), Duration.ofSeconds(20));
        String receipt = story.getString("receipt");
        assertEquals(story.getInt("id"), App.payment(receipt).getInt("id"), "found by receipt too");
        List<String> trail = story.getJsonArray("audit_trail").getValuesAs(JsonObject.class).stream()
                .map(t -> t.getString("to")).toList();
        assertEquals(List.of("QUEUED", "DIALING"), trail.subList(0, 2));
        assertEquals("ACKNOWLEDGED", trail.get(trail.size() - 1));

        JsonArray acknowledged = App.jsonArray(App.asOps("GET", "/api/payments?status=ACKNOWLEDGED&limit=500",
                null, null).body());
        assertTrue(acknowledged.getValuesAs(JsonObject.class).stream().anyMatch(p -> p.getInt("id") == story.getInt("id")));
        assertEquals(400, App.asOps("GET", "/api/payments?status=NONSENSE", null, null).statusCode());

        JsonObject stats = App.json(App.asOps("GET", "/api/stats", null, null).body());
        assertTrue(stats.getJsonObject("by_outcome").getInt("ACKNOWLEDGED") >= 1, stats.toString());
        assertTrue(stats.getJsonNumber("cost_kes").doubleValue() > 0, stats.toString());
        JsonObject dialling = stats.getJsonObject("dialling");
        assertEquals("running", dialling.getString("state"), stats.toString());
        assertTrue(!dialling.getString("node").isBlank() && !dialling.containsKey("reason"), stats.toString());

        HttpResponse<String> redial = App.asOps("POST", "/api/payments/" + story.getInt("id") + "/redial", null, null);
        assertEquals(202, redial.statusCode(), redial.body());
        Sautikit.awaitSettledCalls("+" + msisdn, 2, Duration.ofSeconds(20));
        JsonObject after = App.awaitPayment(receipt, p -> p.getJsonArray("call_attempts").size() == 2
                && "ACKNOWLEDGED".equals(p.getString("status")), Duration.ofSeconds(20));
        assertEquals(2, after.getInt("attempts"));

        String failed = DarajaPayloads.stkFailure(1032, "Request cancelled by user");
        App.stk(failed);
        assertEquals(409, App.asOps("POST", "/api/payments/" + DarajaPayloads.checkoutRequestIdOf(failed) + "/redial",
                null, null).statusCode(), "a failed M-Pesa payment is never dialled");
    }

    @Test
    void csvImportReportsEveryRejectedRow() {
        String csv = "account_ref,phone\n"
                + "ACC-100,+254712000100\n"
                + "ACC-101,0712000101\n"
                + "ACC-102,2547 ***** 126\n"
                + ",+254712000103\n"
                + "ACC-104,+256772123456\n"
                + "ACC-105\n";
        HttpResponse<String> answer = App.asOps("POST", "/api/customers", "text/csv", csv);
        assertEquals(200, answer.statusCode(), answer.body());
        JsonObject report = App.json(answer.body());
        assertEquals(2, report.getInt("imported"));
        List<Integer> rejectedLines = report.getJsonArray("rejected").getValuesAs(JsonObject.class).stream()
                .map(r -> r.getInt("line")).toList();
        assertEquals(List.of(4, 5, 6, 7), rejectedLines);
        assertEquals(400, App.asOps("POST", "/api/customers", "text/csv", "phone,account\n").statusCode());
        assertEquals(400, App.asOps("PUT", "/api/customers/ACC-9", "application/json", "{\"phone\":\"12\"}").statusCode());
    }

    @Test
    void readinessIsTheDatabaseAndTheBrokerOnly() throws Exception {
        HttpResponse<String> ready = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:9990/health/ready")).build(), HttpResponse.BodyHandlers.ofString());
        JsonObject health = App.json(ready.body());
        List<String> up = health.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(c -> "UP".equals(c.getString("status"))).map(c -> c.getString("name")).toList();
        assertTrue(up.containsAll(List.of("database", "broker")), ready.body());
        assertTrue(!ready.body().contains("dialling"), "dialling is reported by /api/stats, not by readiness: " + ready.body());
    }
}
