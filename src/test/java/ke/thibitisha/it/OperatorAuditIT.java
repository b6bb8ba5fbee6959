package ke.thibitisha.it;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import ke.thibitisha.sim.daraja.DarajaPayloads;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Contract §5: every operator action is recorded with who, what and when, listed by GET /api/audit, and logged. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OperatorAuditIT {

    private static final Path LOG_DIR = Path.of(System.getProperty("jboss.home", "target/it-server"), "standalone", "log");
    private static final Path AUDIT_LOG = LOG_DIR.resolve("operator-audit.log");
    /** Elytron's audit log of the application realm (configure.cli). */
    private static final Path SECURITY_LOG = LOG_DIR.resolve("application-security-audit.log");

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.thibitisha();
    }

    @Test
    void everyOperatorActionIsInTheTrailAndTheLog() {
        Instant start = Instant.now().minusSeconds(1);
        long written = size(AUDIT_LOG);
        String checkout = App.paidStk(App.newMsisdn(), 300);
        JsonObject story = App.awaitPayment(checkout, p -> p.containsKey("raw_callback"), Duration.ofSeconds(20));
        long paymentId = story.getJsonNumber("id").longValue();
        long rawId = story.getJsonObject("raw_callback").getJsonNumber("id").longValue();

        assertEquals(200, App.as(OperatorAccessIT.VIEWER, "GET", "/api/callbacks/" + rawId, null, null).statusCode());
        assertEquals(200, App.asOps("GET", "/api/callbacks/" + rawId, null, null).statusCode());
        String failed = DarajaPayloads.stkFailure(1032, "Request cancelled by user");
        App.stk(failed);
        long failedId = App.payment(DarajaPayloads.checkoutRequestIdOf(failed)).getJsonNumber("id").longValue();
        assertEquals(409, App.asOps("POST", "/api/payments/" + failedId + "/redial", null, null).statusCode());
        String account = "AUD-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
        assertEquals(201, App.asOps("PUT", "/api/customers/" + account, "application/json",
                "{\"phone\":\"+254712000321\"}").statusCode());
        assertEquals(200, App.asOps("POST", "/api/customers", "text/csv",
                "account_ref,phone\n" + account + "-2,+254712000322\nbad,12\n").statusCode());
        assertEquals(200, App.asOps("POST", "/api/payments/dead-letters/redial", null, null).statusCode());

        JsonArray trail = audit("/api/audit?since=" + start + "&limit=1000");
        JsonObject read = only(trail, e -> "RAW_CALLBACK_READ".equals(e.getString("action"))
                && String.valueOf(rawId).equals(e.getString("entity_id")));
        assertEquals("it-ops", read.getString("operator"), "the viewer's look is not a read of the body");
        assertEquals(paymentId, read.getJsonNumber("payment_id").longValue());
        JsonObject redial = only(trail, e -> "REDIAL".equals(e.getString("action"))
                && e.getJsonNumber("payment_id").longValue() == failedId);
        assertTrue(redial.getString("detail").startsWith("refused"), redial.toString());
        JsonObject write = only(trail, e -> "CUSTOMER_WRITE".equals(e.getString("action"))
                && account.equals(e.getString("entity_id", "")));
        assertEquals("it-ops", write.getString("operator"));
        assertTrue(trail.getValuesAs(JsonObject.class).stream().anyMatch(e -> "CUSTOMERS_IMPORT".equals(e.getString("action"))
                && "1 rows imported, 1 rejected".equals(e.getString("detail"))), trail.toString());
        assertTrue(trail.getValuesAs(JsonObject.class).stream().anyMatch(e -> "DEAD_LETTERS_REDIAL".equals(e.getString("action"))), trail.toString());
        for (JsonObject e : trail.getValuesAs(JsonObject.class)) {
            assertFalse(Instant.parse(e.getString("at")).isBefore(start), "since is honoured: " + e);
        }

        String logged = awaitLogLine(AUDIT_LOG, written, "operator=it-ops action=RAW_CALLBACK_READ raw_callback=" + rawId + " ");
        assertTrue(logged.contains(" payment=" + paymentId) && logged.endsWith("committed"), logged);
        String customerLine = awaitLogLine(AUDIT_LOG, written, "operator=it-ops action=CUSTOMER_WRITE customer=****" + account.substring(account.length() - 3));
        assertFalse(customerLine.contains(account), "account numbers are masked in the log: " + customerLine);
    }

    @Test
    void theTrailIsNewestFirstLimitedAndForOpsOnly() {
        for (int i = 0; i < 3; i++) {
            App.asOps("PUT", "/api/customers/ORD-" + i, "application/json", "{\"phone\":\"+25471200040" + i + "\"}");
        }
        JsonArray two = audit("/api/audit?limit=2");
        assertEquals(2, two.size());
        List<Long> ids = audit("/api/audit?limit=50").getValuesAs(JsonObject.class).stream()
                .map(e -> e.getJsonNumber("id").longValue()).toList();
        assertTrue(ids.size() >= 3);
        assertEquals(ids.stream().sorted((a, b) -> Long.compare(b, a)).toList(), ids, "newest first");
        assertEquals("ORD-2", two.getJsonObject(0).getString("entity_id"));

        assertEquals(400, App.asOps("GET", "/api/audit?since=yesterday", null, null).statusCode());
        assertEquals(400, App.asOps("GET", "/api/audit?limit=0", null, null).statusCode());
        assertEquals(0, audit("/api/audit?since=" + Instant.now().plusSeconds(3600)).size());
        assertEquals(403, App.as(OperatorAccessIT.VIEWER, "GET", "/api/audit", null, null).statusCode());
        assertEquals(403, App.as(App.OTHER_USER, "GET", "/api/audit", null, null).statusCode());
        assertEquals(401, App.as(null, "GET", "/api/audit/", null, null).statusCode());
    }

    @Test
    void loginsFailedLoginsAndDenialsAreInElytronsAuditLog() {
        long written = size(SECURITY_LOG);
        assertEquals(401, App.as("it-ops-viewer:not-the-password", "GET", "/api/stats", null, null).statusCode());
        awaitLogLine(SECURITY_LOG, written, "\"event\":\"SecurityAuthenticationFailedEvent\"", "\"principal\":\"it-ops-viewer\"");
        assertEquals(403, App.as(App.OTHER_USER, "GET", "/api/stats", null, null).statusCode());
        awaitLogLine(SECURITY_LOG, written, "\"event\":\"SecurityPermissionCheckFailedEvent\"", "\"name\":\"it-viewer\"");
        assertEquals(200, App.asOps("GET", "/api/stats", null, null).statusCode());
        awaitLogLine(SECURITY_LOG, written, "\"event\":\"SecurityAuthenticationSuccessfulEvent\"", "\"name\":\"it-ops\"");
    }

    private static JsonArray audit(String path) {
        HttpResponse<String> answer = App.asOps("GET", path, null, null);
        assertEquals(200, answer.statusCode(), answer.body());
        return App.jsonArray(answer.body());
    }

    private static JsonObject only(JsonArray trail, Predicate<JsonObject> which) {
        List<JsonObject> found = trail.getValuesAs(JsonObject.class).stream().filter(which).toList();
        assertEquals(1, found.size(), trail.toString());
        return found.get(0);
    }

    /** Waits for a line, written after {@code from} bytes, holding every fragment (operator audit lines come once the
     *  action's transaction has completed). */
    private static String awaitLogLine(Path log, long from, String... fragments) {
        Instant deadline = Instant.now().plusSeconds(10);
        while (Instant.now().isBefore(deadline)) {
            if (size(log) > from) {
                try {
                    byte[] bytes = Files.readAllBytes(log);
                    String written = new String(bytes, (int) from, bytes.length - (int) from, StandardCharsets.UTF_8);
                    var line = written.lines().filter(l -> Arrays.stream(fragments).allMatch(l::contains)).findFirst();
                    if (line.isPresent()) {
                        return line.get();
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
            App.sleep(200);
        }
        throw new AssertionError("no new line with " + Arrays.toString(fragments) + " in " + log);
    }

    /** The log files outlive a test run (target/it-server is reused): only what is written after this counts. */
    private static long size(Path log) {
        try {
            return Files.exists(log) ? Files.size(log) : 0;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
