package ke.thibitisha.it;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

/** Talks to the deployed application over HTTP, as Daraja, Sautikit and operators do. */
final class App {

    static final String BASE = "http://127.0.0.1:8080/thibitisha";
    static final String STK_SHORTCODE = "174379";
    static final String STK_TOKEN = "it-stk-token";
    static final String C2B_SHORTCODE = "600984";
    static final String C2B_TOKEN = "it-c2b-token";
    static final String OPS_USER = "it-ops:it-ops-Passw0rd!";
    static final String OTHER_USER = "it-viewer:it-viewer-Passw0rd!";
    static final String VIEWER_USER = "it-ops-viewer:it-ops-viewer-Passw0rd!";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private App() {
    }

    static HttpResponse<String> post(String path, String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(BASE + path)).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request.build());
    }

    static HttpResponse<String> stk(String json) {
        return post("/api/daraja/" + STK_SHORTCODE + "/" + STK_TOKEN + "/stk", "application/json;charset=UTF-8", json);
    }

    /** Posts a paid STK callback with a fresh CheckoutRequestID and receipt; returns the CheckoutRequestID. */
    static String paidStk(String msisdn, int amount) {
        String checkout = "ws_CO_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
        String receipt = "UKR" + UUID.randomUUID().toString().replace("-", "").substring(0, 7).toUpperCase();
        HttpResponse<String> response = stk("{\"Body\":{\"stkCallback\":{\"MerchantRequestID\":\"m-1\",\"CheckoutRequestID\":\""
                + checkout + "\",\"ResultCode\":0,\"ResultDesc\":\"ok\",\"CallbackMetadata\":{\"Item\":["
                + "{\"Name\":\"Amount\",\"Value\":" + amount + "},{\"Name\":\"MpesaReceiptNumber\",\"Value\":\"" + receipt
                + "\"},{\"Name\":\"PhoneNumber\",\"Value\":" + msisdn + "}]}}}}");
        if (response.statusCode() != 200) {
            throw new AssertionError("STK callback answered " + response.statusCode() + " " + response.body());
        }
        return checkout;
    }

    static HttpResponse<String> c2bConfirmation(String json) {
        return post("/api/daraja/" + C2B_SHORTCODE + "/" + C2B_TOKEN + "/c2b/confirmation", "application/json", json);
    }

    static HttpResponse<String> asOps(String method, String path, String contentType, String body) {
        return as(OPS_USER, method, path, contentType, body);
    }

    static HttpResponse<String> as(String credentials, String method, String path, String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(BASE + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (credentials != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request.build());
    }

    /** The operator's view of a payment: by id, receipt or CheckoutRequestID. */
    static JsonObject payment(String ref) {
        HttpResponse<String> response = asOps("GET", "/api/payments/" + ref, null, null);
        if (response.statusCode() != 200) {
            throw new AssertionError("GET /api/payments/" + ref + " answered " + response.statusCode() + " " + response.body());
        }
        return json(response.body());
    }

    /** Polls the payment until the condition holds; fails with the last view otherwise. */
    static JsonObject awaitPayment(String ref, Predicate<JsonObject> condition, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        JsonObject last = null;
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> response = asOps("GET", "/api/payments/" + ref, null, null);
            if (response.statusCode() == 200) {
                last = json(response.body());
                if (condition.test(last)) {
                    return last;
                }
            }
            sleep(200);
        }
        throw new AssertionError("payment " + ref + " did not reach the expected state within " + timeout + ": " + last);
    }

    static Predicate<JsonObject> status(String status) {
        return p -> status.equals(p.getString("status"));
    }

    static JsonObject json(String body) {
        try (var reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        }
    }

    static JsonArray jsonArray(String body) {
        try (var reader = Json.createReader(new StringReader(body))) {
            return reader.readArray();
        }
    }

    /** A fresh, valid Safaricom mobile number (2547xxxxxxxx), so that tests never share a destination. */
    static String newMsisdn() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "2547" + (10 + r.nextInt(20)) + String.format("%06d", r.nextInt(1_000_000));
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed", e);
        }
    }
}
