package ke.thibitisha.it;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Contract §5: the page behind the login, and what the page needs from the API (who am I, chart, search, CSV). */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OpsPageApiIT {

    private static final String HEADER = "received_at,shortcode,kind,receipt,amount,phone,outcome,attempts,digits,cost_kes";
    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Africa/Nairobi"));

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.thibitisha();
    }

    @Test
    void thePageWantsAnOperationsRole() {
        for (String path : List.of("/ops", "/ops/", "/ops/index.html", "/ops/app.js", "/ops/ops.css", "/api/me",
                "/api/stats/timeline")) {
            assertEquals(401, App.as(null, "GET", path, null, null).statusCode(), "no credentials: " + path);
            HttpResponse<String> noRole = App.as(App.OTHER_USER, "GET", path, null, null);
            // a signed-in user is sent from /ops to /ops/ first, where the role is checked
            assertTrue(noRole.statusCode() == 403 || path.equals("/ops") && noRole.statusCode() == 302
                    && noRole.headers().firstValue("Location").orElse("").endsWith("/ops/"),
                    "no ops role: " + path + " answered " + noRole.statusCode());
        }
        for (String user : List.of(App.OPS_USER, App.VIEWER_USER)) {
            HttpResponse<String> page = App.as(user, "GET", "/ops/", null, null);
            assertEquals(200, page.statusCode(), user);
            assertTrue(page.body().contains("<title>Thibitisha operations</title>"), page.body());
            HttpResponse<String> bare = App.as(user, "GET", "/ops", null, null);
            assertTrue(bare.statusCode() == 200 || bare.headers().firstValue("Location").orElse("").endsWith("/ops/"),
                    "/ops leads to the page: " + bare.statusCode() + " " + bare.headers().map());
        }
        assertEquals(200, App.as(null, "GET", "/webjars/chart.js/4.4.1/dist/chart.umd.js", null, null).statusCode(),
                "the chart library is served from the WAR");
    }

    @Test
    void whoAmI() {
        JsonObject ops = App.json(App.asOps("GET", "/api/me", null, null).body());
        assertEquals("it-ops", ops.getString("name"));
        assertEquals(List.of("ops"), ops.getJsonArray("roles").getValuesAs(jakarta.json.JsonString.class).stream()
                .map(jakarta.json.JsonString::getString).toList());
        JsonObject viewer = App.json(App.as(App.VIEWER_USER, "GET", "/api/me", null, null).body());
        assertEquals("it-ops-viewer", viewer.getString("name"));
        assertEquals("ops-viewer", viewer.getJsonArray("roles").getString(0));
    }

    @Test
    void searchByTheLastDigitsOfThePhone() {
        String msisdn = App.newMsisdn();
        Sautikit.simulator().script("+" + msisdn, CallScript.answer(50, 300).pressing("1"));
        int id = App.payment(App.paidStk(msisdn, 250)).getInt("id");
        JsonArray found = App.jsonArray(App.asOps("GET", "/api/payments?phone=" + msisdn.substring(4), null, null).body());
        assertTrue(found.getValuesAs(JsonObject.class).stream().anyMatch(p -> p.getInt("id") == id), found.toString());
        assertTrue(found.getValuesAs(JsonObject.class).stream()
                .allMatch(p -> p.getString("phone").endsWith(msisdn.substring(msisdn.length() - 3))), found.toString());
        assertEquals(400, App.asOps("GET", "/api/payments?phone=41a9", null, null).statusCode());
        assertEquals(400, App.asOps("GET", "/api/payments?phone=12", null, null).statusCode());
    }

    @Test
    void theTimelineCountsPaymentsCallsAndOutcomesPerFiveMinutes() {
        JsonObject before = App.json(App.asOps("GET", "/api/stats/timeline?hours=1", null, null).body());
        String msisdn = App.newMsisdn();
        Sautikit.simulator().script("+" + msisdn, CallScript.answer(50, 300).pressing("1"));
        App.awaitPayment(App.paidStk(msisdn, 300), App.status("ACKNOWLEDGED"), Duration.ofSeconds(60));
        JsonObject after = App.json(App.asOps("GET", "/api/stats/timeline?hours=1", null, null).body());

        assertEquals(300, after.getInt("step_seconds"));
        int buckets = after.getJsonArray("buckets").size();
        assertTrue(buckets >= 12 && buckets <= 13, after.toString());
        assertEquals(buckets, after.getJsonArray("received").size());
        assertEquals(buckets, after.getJsonObject("outcomes").getJsonArray("ACKNOWLEDGED").size());
        assertTrue(sum(after.getJsonArray("received")) > sum(before.getJsonArray("received")), after.toString());
        assertTrue(sum(after.getJsonArray("calls_placed")) > sum(before.getJsonArray("calls_placed")), after.toString());
        assertTrue(sum(after.getJsonObject("outcomes").getJsonArray("ACKNOWLEDGED"))
                > sum(before.getJsonObject("outcomes").getJsonArray("ACKNOWLEDGED")), after.toString());
        assertEquals(400, App.asOps("GET", "/api/stats/timeline?hours=0", null, null).statusCode());
    }

    @Test
    void theDaysPaymentsAsCsv() {
        String msisdn = App.newMsisdn();
        Sautikit.simulator().script("+" + msisdn, CallScript.answer(50, 300).pressing("1"));
        JsonObject story = App.awaitPayment(App.paidStk(msisdn, 1234), p -> "ACKNOWLEDGED".equals(p.getString("status"))
                && p.getJsonArray("call_attempts").getJsonObject(0).containsKey("cost_kes"), Duration.ofSeconds(60));
        String receipt = story.getString("receipt");

        HttpResponse<String> csv = csv(App.OPS_USER, TODAY.toString());
        assertEquals(200, csv.statusCode(), csv.body());
        assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"), csv.headers().map().toString());
        String[] lines = csv.body().split("\r\n");
        assertEquals(HEADER, lines[0]);
        String[] row = Arrays.stream(lines).filter(l -> l.contains("," + receipt + ",")).findFirst()
                .orElseThrow(() -> new AssertionError(receipt + " not in " + csv.body())).split(",", -1);
        assertEquals(10, row.length);
        assertTrue(row[0].startsWith(TODAY + "T") && row[0].endsWith("+03:00"), "Nairobi time: " + row[0]);
        assertEquals(List.of(App.STK_SHORTCODE, "STK", receipt, "1234.00", "+" + msisdn, "ACKNOWLEDGED", "1", "1"),
                Arrays.asList(row).subList(1, 9));
        assertEquals(story.getJsonArray("call_attempts").getJsonObject(0).getJsonNumber("cost_kes").bigDecimalValue(),
                new java.math.BigDecimal(row[9]));

        assertFalse(csv(App.OPS_USER, TODAY.minusDays(1).toString()).body().contains(receipt), "another day's file");
        assertEquals(400, csv(App.OPS_USER, "").statusCode());
        assertEquals(400, csv(App.OPS_USER, "yesterday").statusCode());
        HttpResponse<String> json = App.asOps("GET", "/api/payments?limit=1", null, null);
        assertTrue(json.body().startsWith("["), "JSON stays the answer when CSV is not asked for: " + json.body());

        HttpResponse<String> masked = csv(App.VIEWER_USER, TODAY.toString());
        assertEquals(200, masked.statusCode(), masked.body());
        String viewerRow = Arrays.stream(masked.body().split("\r\n")).filter(l -> l.contains("," + receipt + ","))
                .findFirst().orElseThrow();
        assertFalse(viewerRow.contains(msisdn.substring(3)), "ops-viewer gets masked numbers: " + viewerRow);
        assertTrue(viewerRow.split(",", -1)[5].contains("*"), viewerRow);
    }

    private static HttpResponse<String> csv(String credentials, String day) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(App.BASE + "/api/payments?day=" + day))
                    .header("Accept", "text/csv")
                    .header("Authorization", "Basic " + Base64.getEncoder()
                            .encodeToString(credentials.getBytes(StandardCharsets.UTF_8))).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static long sum(JsonArray counts) {
        return counts.getValuesAs(JsonNumber.class).stream().mapToLong(JsonNumber::longValue).sum();
    }
}
