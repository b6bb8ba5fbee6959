package ke.thibitisha.it;

import ke.thibitisha.sim.daraja.DarajaPayloads;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The edge of the application as a hostile caller sees it (issue 16): the default token once a Sautikit key is set
 * (contract §2 rule 12), every {@code X-Forwarded-For} line (rule 11), the 64 KiB limit of Sautikit's endpoints
 * (§4) and a malformed voice form (rule 14).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class EdgeIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.thibitisha();
    }

    @Test
    void aPaybillWithoutTokenAnswers404AndStoresNothingOnceASautikitKeyIsSet() throws Exception {
        // 600986 is configured without a token, and the IT server has SAUTIKIT_API_KEY: no default token applies
        String body = DarajaPayloads.stkSuccess(10, App.newMsisdn());
        for (String token : new String[]{"sandbox", "", "x", "null"}) {
            HttpResponse<String> response = App.post("/api/daraja/600986/" + token + "/stk", "application/json", body);
            assertEquals(404, response.statusCode(), "token '" + token + "': " + response.body());
        }
        assertEquals(404, App.post("/api/daraja/174379/sandbox/stk", "application/json", body).statusCode(),
                "sandbox is not a token once a key and an explicit token are set");
        String stored = App.asOps("GET", "/api/callbacks?limit=500", null, null).body();
        assertFalse(stored.contains("\"shortcode\":\"600986\""), "nothing stored for the paybill without a token");

        Path log = Path.of(System.getProperty("jboss.home"), "standalone", "log", "server.log");
        assertTrue(Files.readAllLines(log).stream().anyMatch(l -> l.contains("ERROR") && l.contains("PAYBILL_600986_TOKEN")),
                "the boot log names the key to set, at ERROR");
    }

    @Test
    void everyForwardedForLineIsReadSoAForgedFirstLineIsNotBelieved() throws Exception {
        // paybill 600985 allows 196.201.214.200; 127.0.0.1 (this client) is a trusted proxy
        String path = "/api/daraja/600985/it-ip-token/stk";
        HttpResponse<String> forged = HTTP.send(HttpRequest.newBuilder(URI.create(App.BASE + path))
                .header("Content-Type", "application/json")
                .header("X-Forwarded-For", "196.201.214.200")  // the client's own line, forged
                .header("X-Forwarded-For", "8.8.8.8")          // the line the proxy added: the real client
                .POST(HttpRequest.BodyPublishers.ofString(DarajaPayloads.stkFailure(1032))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(403, forged.statusCode(), forged.body());

        HttpResponse<String> real = HTTP.send(HttpRequest.newBuilder(URI.create(App.BASE + path))
                .header("Content-Type", "application/json")
                .header("X-Forwarded-For", "8.8.8.8")
                .header("X-Forwarded-For", "196.201.214.200")
                .POST(HttpRequest.BodyPublishers.ofString(DarajaPayloads.stkFailure(1032))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, real.statusCode(), real.body());
    }

    @Test
    void sautikitBodiesOver64KiBAre413WhetherDeclaredOrChunked() throws Exception {
        byte[] big = ("Digits=1&pad=" + "x".repeat(70 * 1024)).getBytes(StandardCharsets.UTF_8);
        for (String path : new String[]{"/api/sautikit/voice/" + UUID.randomUUID(), "/api/sautikit/events"}) {
            HttpResponse<String> declared = HTTP.send(HttpRequest.newBuilder(URI.create(App.BASE + path))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(big)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(413, declared.statusCode(), path + " with Content-Length: " + declared.body());
            assertTrue(declared.body().startsWith("{\"error\""), declared.body());

            HttpResponse<String> chunked = HTTP.send(HttpRequest.newBuilder(URI.create(App.BASE + path))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(413, chunked.statusCode(), path + " chunked: " + chunked.body());
        }
        HttpResponse<String> small = App.post("/api/sautikit/voice/" + UUID.randomUUID(),
                "application/x-www-form-urlencoded", "Digits=1&pad=" + "x".repeat(60 * 1024));
        assertEquals(200, small.statusCode(), "a body under the limit is still read");
    }

    @Test
    void aVoiceFormWithABadPercentEncodingIs400WithAShortJsonError() {
        HttpResponse<String> response = App.post("/api/sautikit/voice/" + UUID.randomUUID(),
                "application/x-www-form-urlencoded", "Digits=%zz");
        assertEquals(400, response.statusCode(), response.body());
        assertTrue(response.body().startsWith("{\"error\":"), response.body());
        assertFalse(response.body().contains("URLDecoder"), response.body());
    }
}
