package ke.thibitisha.sim.daraja;

import jakarta.json.JsonObject;
import ke.thibitisha.sim.SimJson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fake Daraja behaves as daraja.md §2 and §4 describe the real one. */
class DarajaApiSimulatorTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String SHORTCODE = "174380";
    private static final String PASSKEY = "sim-passkey";

    private DarajaApiSimulator sim;

    @BeforeEach
    void start() {
        sim = DarajaApiSimulator.start(0, "key", "secret", Map.of(SHORTCODE, PASSKEY));
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void issuesTokensOnlyForTheRightCredentialsAndGrantType() throws Exception {
        HttpResponse<String> ok = oauth("key", "secret", "client_credentials");
        assertEquals(200, ok.statusCode());
        assertEquals("3599", SimJson.parseObject(ok.body()).getString("expires_in"), "expires_in is a string");
        assertEquals("400.008.01", error(oauth("key", "wrong", "client_credentials")));
        assertEquals("400.008.02", error(oauth("key", "secret", "password")));
        assertEquals(1, sim.tokensIssued());
    }

    @Test
    void answersAKnownPaymentWithItsFinalStringCodeEveryTime() throws Exception {
        sim.know("ws_CO_paid", "0");
        sim.know("ws_CO_cancelled", "1032");
        String token = token();
        for (int i = 0; i < 3; i++) {
            assertEquals("0", result(query(token, "ws_CO_paid")).getString("ResultCode"));
            assertEquals("1032", result(query(token, "ws_CO_cancelled")).getString("ResultCode"));
        }
        sim.numericCodes(true);
        assertEquals(0, result(query(token, "ws_CO_paid")).getInt("ResultCode"));
    }

    @Test
    void unknownIdsAreThe500Error() throws Exception {
        HttpResponse<String> answer = query(token(), "ws_CO_forged");
        assertEquals(500, answer.statusCode());
        JsonObject body = SimJson.parseObject(answer.body());
        assertEquals("500.001.1001", body.getString("errorCode"));
        assertEquals("The transaction does not Exist", body.getString("errorMessage"));
    }

    @Test
    void anOpenPromptAnswers4999OrBeingProcessedThenTheResult() throws Exception {
        sim.know("ws_CO_a", "0", 2, DarajaApiSimulator.Pending.STILL_PROCESSING);
        sim.know("ws_CO_b", "0", 1, DarajaApiSimulator.Pending.BEING_PROCESSED);
        String token = token();
        assertEquals("4999", result(query(token, "ws_CO_a")).getString("ResultCode"));
        assertEquals("4999", result(query(token, "ws_CO_a")).getString("ResultCode"));
        assertEquals("0", result(query(token, "ws_CO_a")).getString("ResultCode"));
        assertEquals("500.001.1001", error(query(token, "ws_CO_b")));
        assertEquals("0", result(query(token, "ws_CO_b")).getString("ResultCode"));
    }

    @Test
    void realPaymentsAreSometimesThe500ErrorToo() throws Exception {
        sim.know("ws_CO_real", "0");
        sim.flakyEvery(3);
        String token = token();
        assertEquals("0", result(query(token, "ws_CO_real")).getString("ResultCode"));
        assertEquals("0", result(query(token, "ws_CO_real")).getString("ResultCode"));
        assertEquals("500.001.1001", error(query(token, "ws_CO_real")));
        assertEquals("0", result(query(token, "ws_CO_real")).getString("ResultCode"));
    }

    @Test
    void spikeArrestAboveTheRateAndQuotaAfterTheLimit() throws Exception {
        sim.knowUnlisted(true);
        sim.spikeArrestPerSecond(3);
        String token = token();
        int arrested = 0;
        for (int i = 0; i < 6; i++) {
            if ("500.003.02".equals(error(query(token, "ws_CO_" + i)))) {
                arrested++;
            }
        }
        assertTrue(arrested >= 2, arrested + " of 6 arrested");
        sim.reset();
        sim.knowUnlisted(true);
        sim.quota(2);
        token = token();
        query(token, "ws_CO_x");
        query(token, "ws_CO_y");
        assertEquals("500.003.03", error(query(token, "ws_CO_z")));
    }

    @Test
    void refusesExpiredTokensWrongPasswordsAndUtcTimestamps() throws Exception {
        sim.know("ws_CO_p", "0");
        String token = token();
        sim.expireTokens();
        assertEquals("404.001.03", error(query(token, "ws_CO_p")));
        String fresh = token();
        String utc = LocalDateTime.now(ZoneId.of("UTC")).format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss"));
        assertEquals("400.002.02", error(post(fresh, body("ws_CO_p", PASSKEY, utc))));
        assertEquals("500.001.1001", error(post(fresh, body("ws_CO_p", "other-passkey", nairobiNow()))));
        assertEquals(200, post(fresh, body("ws_CO_p", PASSKEY, nairobiNow())).statusCode());
    }

    private HttpResponse<String> oauth(String key, String secret, String grantType) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/oauth/v1/generate?grant_type=" + grantType))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((key + ":" + secret)
                        .getBytes(StandardCharsets.UTF_8))).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private String token() throws Exception {
        return SimJson.parseObject(oauth("key", "secret", "client_credentials").body()).getString("access_token");
    }

    private HttpResponse<String> query(String token, String checkoutRequestId) throws Exception {
        return post(token, body(checkoutRequestId, PASSKEY, nairobiNow()));
    }

    private HttpResponse<String> post(String token, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/mpesa/stkpushquery/v1/query"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String body(String checkoutRequestId, String passkey, String timestamp) {
        String password = Base64.getEncoder().encodeToString((SHORTCODE + passkey + timestamp).getBytes(StandardCharsets.UTF_8));
        return SimJson.object().add("BusinessShortCode", SHORTCODE).add("Password", password).add("Timestamp", timestamp)
                .add("CheckoutRequestID", checkoutRequestId).build().toString();
    }

    private static String nairobiNow() {
        return LocalDateTime.now(ZoneId.of("Africa/Nairobi")).format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss"));
    }

    private static JsonObject result(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        return SimJson.parseObject(response.body());
    }

    private static String error(HttpResponse<String> response) {
        JsonObject body = SimJson.parseObject(response.body());
        return body.containsKey("errorCode") ? body.getString("errorCode") : "none: " + response.body();
    }
}
