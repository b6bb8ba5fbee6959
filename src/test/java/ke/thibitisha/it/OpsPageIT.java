package ke.thibitisha.it;

import jakarta.json.JsonObject;
import ke.thibitisha.sim.sautikit.CallScript;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.Keys;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Contract §5, {@code GET /ops/}: the operations page in headless Chromium, as role ops and as ops-viewer. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OpsPageIT {

    private static final Duration SETTLED = Duration.ofSeconds(60);

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.thibitisha();
    }

    @BeforeAll
    static void chromium() {
        assumeTrue(Browser.installed(), "Debian's chromium and chromium-driver are not installed");
    }

    @Test
    void theFiguresOnThePageAreThoseOfTheStatsAfterASurge() {
        List<String> checkouts = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String msisdn = App.newMsisdn();
            Sautikit.simulator().script("+" + msisdn, CallScript.answer(50, 300).pressing(i % 4 == 0 ? "2" : "1"));
            checkouts.add(App.paidStk(msisdn, 100 + i));
        }
        checkouts.forEach(c -> App.awaitPayment(c, p -> "ACKNOWLEDGED".equals(p.getString("status"))
                || "ESCALATED".equals(p.getString("status")), SETTLED));

        try (Browser browser = Browser.signedInAs(App.OPS_USER, 1280, 2300).open("/ops/")) {
            Map<String, Long> last = Map.of();
            Map<String, Long> shown = Map.of();
            Instant deadline = Instant.now().plusSeconds(30);
            while (Instant.now().isBefore(deadline)) {
                Map<String, Long> before = figures(stats());
                shown = onPage(browser, before);
                last = figures(stats());
                if (before.equals(last) && shown.equals(last)) {
                    break;
                }
                App.sleep(1000);
            }
            assertEquals(last, shown, "the page shows what GET /api/stats says");
            assertTrue(last.get("outcome-ACKNOWLEDGED") >= 9 && last.get("outcome-ESCALATED") >= 3, last.toString());
            assertEquals("Signed in as it-ops (ops)", browser.text("#who"));

            browser.script("window.notReloaded = true");
            long before = last.get("payments-today");
            String msisdn = App.newMsisdn();
            Sautikit.simulator().script("+" + msisdn, CallScript.answer(50, 300).pressing("1"));
            App.paidStk(msisdn, 99);
            browser.await(d -> Long.parseLong(browser.text("#payments-today").replace(",", "")) > before,
                    Duration.ofSeconds(20));
            assertEquals(Boolean.TRUE, browser.script("return window.notReloaded"), "the page refreshed itself in place");

            long received = ((Number) browser.await(d -> d.executeScript("const c = window.Chart && Chart.getChart('timeline');"
                    + " return c ? c.data.datasets.find(s => s.label === 'payments received').data.reduce((a, b) => a + b, 0)"
                    + " : null;"), Duration.ofSeconds(20))).longValue();
            assertTrue(received >= checkouts.size(), "the chart counts the surge's payments: " + received);
            browser.screenshot("ops-laptop");
            browser.resize(390, 2600);
            App.sleep(500);
            assertTrue((Boolean) browser.script("return document.documentElement.scrollWidth <= window.innerWidth + 1"),
                    "no sideways scrolling on a phone");
            browser.screenshot("ops-phone");
        }
    }

    @Test
    void anOperatorFindsAReceiptReadsItsStoryAndRedialsIt() {
        String msisdn = App.newMsisdn();
        Sautikit.simulator().script("+" + msisdn, CallScript.answer(50, 300).pressing("1"));
        String checkout = App.paidStk(msisdn, 1500);
        JsonObject story = App.awaitPayment(checkout, p -> "ACKNOWLEDGED".equals(p.getString("status"))
                && p.getJsonArray("call_attempts").getJsonObject(0).containsKey("cost_kes"), SETTLED);
        String receipt = story.getString("receipt");

        try (Browser browser = Browser.signedInAs(App.OPS_USER, 1280, 2000).open("/ops/")) {
            search(browser, receipt);
            assertTrue(browser.text("#story-title").contains(receipt));
            assertTrue(browser.text("#story").contains("Raw callback #" + story.getJsonObject("raw_callback").getInt("id")));
            String transitions = browser.text("#transitions");
            assertTrue(transitions.contains("queued") && transitions.contains("dialing")
                    && transitions.contains("acknowledged"), transitions);
            assertEquals("1", browser.text("#attempts tbody tr:nth-child(1) td.digits"));
            String cost = story.getJsonArray("call_attempts").getJsonObject(0).getJsonNumber("cost_kes").bigDecimalValue()
                    .setScale(2).toPlainString();
            assertTrue(browser.text("#attempts tbody tr:nth-child(1) td:nth-child(8)").matches(".*[^0-9.]" + cost.replace(".", "\\.")),
                    "the call's cost " + cost + ": " + browser.text("#attempts"));
            browser.screenshot("ops-story");

            int changes = story.getJsonArray("audit_trail").size();
            browser.find("#redial").click();
            browser.await(d -> d.executeScript("return document.getElementById('confirm').open"), Duration.ofSeconds(5));
            browser.find("#confirm-cancel").click();
            App.sleep(1000);
            assertEquals(changes, App.payment(receipt).getJsonArray("audit_trail").size(), "cancelled: no redial");

            browser.find("#redial").click();
            browser.await(d -> d.executeScript("return document.getElementById('confirm').open"), Duration.ofSeconds(5));
            browser.screenshot("ops-redial-confirm");
            browser.find("#confirm-ok").click();
            browser.await(d -> browser.text("#action-status").contains("scheduled"), Duration.ofSeconds(10));
            App.awaitPayment(receipt, p -> p.getJsonArray("call_attempts").size() == 2
                    && "ACKNOWLEDGED".equals(p.getString("status")), SETTLED);
            browser.await(d -> browser.present("#attempts tbody tr:nth-child(2)"), Duration.ofSeconds(20));
            assertTrue(App.payment(receipt).getJsonArray("audit_trail").getValuesAs(JsonObject.class).stream()
                    .anyMatch(t -> t.getString("cause").contains("it-ops")), "the redial names the operator");

            search(browser, msisdn.substring(msisdn.length() - 6));
            assertTrue(browser.text("#find").contains(receipt), "found by the phone's last digits");
        }
    }

    @Test
    void aViewerSeesNoRedialAndNoFullNumber() {
        String msisdn = App.newMsisdn();
        Sautikit.simulator().script("+" + msisdn, CallScript.answer(50, 300).pressing("1"));
        String checkout = App.paidStk(msisdn, 700);
        String receipt = App.awaitPayment(checkout, App.status("ACKNOWLEDGED"), SETTLED).getString("receipt");

        try (Browser browser = Browser.signedInAs(App.VIEWER_USER, 1280, 2000).open("/ops/")) {
            browser.await(d -> !browser.text("#payments-today").equals("–"), Duration.ofSeconds(20));
            assertEquals("Signed in as it-ops-viewer (ops-viewer)", browser.text("#who"));
            search(browser, receipt);
            assertFalse(browser.present("#redial"), "no redial button for ops-viewer");
            assertFalse(browser.find("#redial-dead-letters").isDisplayed(), "no dead-letter redial for ops-viewer");
            assertFalse(browser.text("#story").contains("Read the body"), "raw bodies are withheld");
            String page = browser.pageSource();
            assertFalse(page.contains(msisdn.substring(3)), "no full phone number on the viewer's page");
            assertTrue(browser.text("#story").contains("****"), "the masked number is shown");
            browser.screenshot("ops-viewer-story");
        }
    }

    /** Types the query and presses Enter; waits for the answer: one payment's story, or the list of matches. */
    private static void search(Browser browser, String query) {
        browser.await(d -> browser.text("#who").startsWith("Signed in as"), Duration.ofSeconds(20));
        var box = browser.find("#q");
        box.clear();
        box.sendKeys(query, Keys.ENTER);
        browser.await(d -> browser.text("#results").contains("match") && !browser.text("#results").startsWith("Searching"),
                Duration.ofSeconds(20));
        if (browser.text("#results").startsWith("One payment")) {
            browser.await(d -> browser.find("#story").isDisplayed(), Duration.ofSeconds(20));
        }
    }

    private static JsonObject stats() {
        return App.json(App.asOps("GET", "/api/stats", null, null).body());
    }

    /** The figures the page shows, by element id, as GET /api/stats gives them. */
    private static Map<String, Long> figures(JsonObject stats) {
        Map<String, Long> f = new LinkedHashMap<>();
        f.put("payments-today", stats.getJsonNumber("payments").longValue());
        f.put("in-flight", stats.getJsonNumber("calls_in_flight").longValue());
        f.put("queue-depth", stats.getJsonNumber("queue_depth").longValue());
        f.put("dead-letters", stats.getJsonNumber("dead_letter_depth").longValue());
        stats.getJsonObject("by_outcome").forEach((k, v) -> f.put("outcome-" + k, ((jakarta.json.JsonNumber) v).longValue()));
        return f;
    }

    private static Map<String, Long> onPage(Browser browser, Map<String, Long> ids) {
        Map<String, Long> f = new LinkedHashMap<>();
        for (String id : ids.keySet()) {
            String text = browser.present("#" + id) ? browser.text("#" + id).replace(",", "").trim() : "";
            f.put(id, text.matches("\\d+") ? Long.parseLong(text) : -1L);
        }
        return f;
    }
}
