package ke.thibitisha.it;

import com.sun.net.httpserver.HttpServer;
import jakarta.json.JsonObject;
import ke.thibitisha.sim.sautikit.CallScript;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The unreached hook ({@code DIALER_UNREACHED_HOOK_URL}) is delivered durably: signed like Sautikit's events
 * ({@code X-Thibitisha-Signature: t=…,v1=hex(HMAC-SHA256(secret, body + "." + t))}), and retried with backoff
 * while the receiver fails, never lost. The receiver here is a small HTTP server on 127.0.0.1:18091 (arquillian.xml).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class UnreachedHookIT {

    private static final String SECRET = "it-hook-secret";
    private static final Pattern PAYMENT_ID = Pattern.compile("\"payment_id\":(\\d+),");

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.thibitisha();
    }

    record Delivery(String body, String signature, int answered) {
    }

    @Test
    void aFailingReceiverGetsTheSignedNoticeOnceItRecovers() throws Exception {
        List<Delivery> deliveries = new CopyOnWriteArrayList<>();
        // two failures per payment: notices of earlier tests' payments, still retried by the broker, may arrive too
        Map<String, Integer> deliveriesPerPayment = new ConcurrentHashMap<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 18091), 0);
        receiver.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Matcher payment = PAYMENT_ID.matcher(body);
            String paymentId = payment.find() ? payment.group(1) : "";
            int status = deliveriesPerPayment.merge(paymentId, 1, Integer::sum) <= 2 ? 503 : 204;
            deliveries.add(new Delivery(body, exchange.getRequestHeaders().getFirst("X-Thibitisha-Signature"), status));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
        try {
            String msisdn = App.newMsisdn();
            Sautikit.simulator().script("+" + msisdn, CallScript.busy());
            String checkout = App.paidStk(msisdn, 90);
            long paymentId = App.awaitPayment(checkout, App.status("UNREACHED"), Duration.ofSeconds(60)).getInt("id");

            Instant deadline = Instant.now().plusSeconds(60);
            while (Instant.now().isBefore(deadline) && mine(deliveries, paymentId).stream().noneMatch(d -> d.answered() == 204)) {
                App.sleep(100);
            }
            List<Delivery> mine = mine(deliveries, paymentId);
            assertTrue(mine.stream().anyMatch(d -> d.answered() == 204), "delivered once the receiver recovered: " + mine);
            assertTrue(mine.stream().anyMatch(d -> d.answered() == 503), "after at least one failed delivery: " + mine);
            for (Delivery d : mine) {
                assertTrue(validSignature(d.body(), d.signature()), "signed: " + d.signature());
            }
            JsonObject notice = App.json(mine.get(mine.size() - 1).body());
            assertEquals("payment.unreached", notice.getString("event"));
            assertEquals(3, notice.getInt("attempts"));
            assertFalse(mine.get(0).body().contains(msisdn.substring(3)), "no phone number in the notice");

            App.sleep(2000);
            assertEquals(1, mine(deliveries, paymentId).stream().filter(d -> d.answered() == 204).count(),
                    "delivered once, not again after it was taken");
        } finally {
            receiver.stop(0);
        }
    }

    private static List<Delivery> mine(List<Delivery> all, long paymentId) {
        return all.stream().filter(d -> d.body().contains("\"payment_id\":" + paymentId + ",")).toList();
    }

    /** What a receiver does: recompute the HMAC over body + "." + t and compare; t must be recent. */
    private static boolean validSignature(String body, String header) throws Exception {
        if (header == null || !header.matches("t=\\d+,v1=[0-9a-f]{64}")) {
            return false;
        }
        String t = header.substring(2, header.indexOf(','));
        String v1 = header.substring(header.indexOf("v1=") + 3);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = HexFormat.of().formatHex(mac.doFinal((body + "." + t).getBytes(StandardCharsets.UTF_8)));
        return expected.equals(v1) && Math.abs(Instant.now().getEpochSecond() - Long.parseLong(t)) < 300;
    }
}
