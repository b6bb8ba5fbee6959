package ke.thibitisha.it;

import ke.thibitisha.sim.daraja.DarajaPayloads;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Contract §2 rule 14: malformed input on any endpoint answers 4xx with a short JSON error, never 5xx and never
 * an exception's text. A fixed corpus of known-bad requests plus a few hundred seeded random mutations (bodies,
 * encodings, content types, headers, query parameters, methods) against every public endpoint and, with
 * credentials, the operations API; a handful are written byte by byte on a socket, since an HTTP client will not
 * send them. Then: a valid callback sent many times among them made one payment and one call, and the server
 * still answers. The seed is printed so a failure can be replayed ({@code -Dfuzz.seed=N}).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class FuzzIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String OPS = "Basic " + Base64.getEncoder().encodeToString(App.OPS_USER.getBytes(StandardCharsets.UTF_8));
    /** What must never reach a caller: stack frames, exception class names, framework messages. */
    private static final Pattern LEAK = Pattern.compile(
            "Exception|\\bat (java|jdk|org|ke|io|jakarta|sun)\\.|Caused by|RESTEASY\\d|WFLY|UT\\d{6}|URLDecoder|org\\.(jboss|hibernate|h2)|java\\.lang");

    private static final String[] PUBLIC = {
            "/api/daraja/174379/it-stk-token/stk",
            "/api/daraja/600984/it-c2b-token/c2b/validation",
            "/api/daraja/600984/it-c2b-token/c2b/confirmation",
            "/api/sautikit/voice/" + UUID.randomUUID(),
            "/api/sautikit/events",
    };
    private static final String[] OPS_PATHS = {
            "/api/payments", "/api/payments/" + UUID.randomUUID(), "/api/payments/999999999/redial",
            "/api/stats", "/api/callbacks", "/api/callbacks/999999999", "/api/customers", "/api/customers/FUZZ-1",
    };
    private static final String[] METHODS = {"GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE", "FOO"};
    private static final String[] CONTENT_TYPES = {
            null, "application/json", "application/json; charset=UTF-8", "application/json; charset=bogus",
            "text/plain", "text/csv", "application/x-www-form-urlencoded", "multipart/form-data", ";;;", "*/*",
            "application/xml", "application/json;;;==", "a/" + "b".repeat(300),
    };
    private static final String[] ACCEPTS = {null, "application/json", "text/csv", ";;;", "application/xml", "*/*;q=abc"};
    private static final String[] BODIES = {
            "", "{", "}", "[]", "null", "0", "\"x\"", "{\"Body\":null}", "{\"Body\":{\"stkCallback\":[]}}",
            "{\"Body\":{\"stkCallback\":{\"CheckoutRequestID\":1e999999999,\"ResultCode\":0}}}",
            "{\"Body\":{\"stkCallback\":{\"CheckoutRequestID\":\"x\",\"ResultCode\":99999999999999999999999}}}",
            "{\"Body\":{\"stkCallback\":{\"CheckoutRequestID\":\"ws_CO_\\u0000\",\"ResultCode\":1032}}}",
            "[".repeat(5000) + "]".repeat(5000), "{\"a\":".repeat(3000) + "1" + "}".repeat(3000),
            "Digits=%zz", "Digits=%", "Digits=%E0%A4%A", "%zz=1", "Digits=1&Digits=2", "Digits=" + "9".repeat(5000),
            "{\"Digits\":{}}", "{\"Digits\":[1,2]}", "{\"Digits\":\"1\"", "\u0000\u0001\u0002", "\uFEFF{}",
            "{\"phone\":\"+254712345678\"", "{\"phone\":123}", "{\"phone\":\"" + "7".repeat(500) + "\"}",
            "account_ref,phone\n\"unterminated,+254712345678", "account_ref,phone\n,,,,", "x".repeat(70 * 1024),
            "{\"kind\":\"call.completed\",\"event_id\":\"e\",\"data\":{}}",
            "{\"TransID\":\"" + "Z".repeat(200) + "\",\"TransAmount\":\"1e5\",\"BillRefNumber\":\"" + "R".repeat(100) + "\"}",
    };
    private static final String[] QUERIES = {
            "", "?limit=abc", "?limit=-1", "?limit=99999999999", "?limit=1&limit=2", "?since=yesterday",
            "?since=2026-02-30", "?status=NOPE", "?status=%00", "?day=2026-13-45", "?day=" + "9".repeat(300),
            "?offset=-5", "?rejected=maybe", "?Digits=%25zz", "?a=%C3%28", "?;=;", "?limit=1e3",
    };
    private static final String[][] HEADERS = {
            {"X-Forwarded-For", "not-an-address"}, {"X-Forwarded-For", "1.2.3.4, , ,"},
            {"X-Forwarded-For", "x".repeat(4000)}, {"X-Sautikit-Signature", "t=99999999999999999999,v1=zz"},
            {"X-Sautikit-Signature", "t=,v1="}, {"X-Sautikit-Signature", "garbage"},
            {"Content-Encoding", "gzip"}, {"Authorization", "Basic !!!"}, {"Authorization", "Bearer x"},
            {"Accept-Charset", "bogus"}, {"If-Modified-Since", "yesterday"}, {"Range", "bytes=abc"},
    };

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.thibitisha();
    }

    @Test
    void malformedInputNeverAnswers5xxNorLeaksExceptionText() throws Exception {
        long seed = Long.getLong("fuzz.seed", System.nanoTime());
        System.out.println("FuzzIT seed " + seed + " (-Dfuzz.seed=" + seed + " replays it)");
        Random random = new Random(seed);
        String msisdn = App.newMsisdn();
        String valid = DarajaPayloads.stkSuccess(42, msisdn);
        List<String> failures = new ArrayList<>();
        int sent = 0;

        // the fixed corpus: every body against every public endpoint, with the content type that endpoint expects
        for (String path : PUBLIC) {
            for (String body : BODIES) {
                String type = path.contains("voice") ? "application/x-www-form-urlencoded" : "application/json";
                check(failures, "POST", path, type, null, null, body);
                sent++;
            }
        }
        // the operations API: every query against every listing, every method against every path
        for (String path : OPS_PATHS) {
            for (String query : QUERIES) {
                check(failures, "GET", path + query, null, "application/json", OPS, null);
                sent++;
            }
        }
        // seeded random mixtures, with the valid callback now and then: it must still make one payment
        for (int i = 0; i < 220; i++) {
            boolean ops = random.nextInt(3) == 0;
            String path = ops ? pick(random, OPS_PATHS) : pick(random, PUBLIC);
            String method = random.nextInt(4) == 0 ? pick(random, METHODS) : ops && random.nextBoolean() ? "GET" : "POST";
            String body = i % 10 == 0 ? valid : mutate(random, pick(random, BODIES));
            String[] header = random.nextInt(3) == 0 ? pick(random, HEADERS) : null;
            check(failures, method, path + (random.nextInt(3) == 0 ? pick(random, QUERIES) : ""),
                    pick(random, CONTENT_TYPES), pick(random, ACCEPTS), ops ? OPS : null, body, header);
            sent++;
        }
        // what no client library sends: written on a socket
        for (String raw : rawRequests()) {
            String answer = rawExchange(raw);
            String status = answer.length() >= 12 ? answer.substring(9, 12) : answer;
            if (status.startsWith("5") || LEAK.matcher(answer).find()) {
                failures.add("raw " + raw.lines().findFirst().orElse("") + " -> " + abbreviate(answer));
            }
            sent++;
        }
        System.out.println("FuzzIT sent " + sent + " requests, " + failures.size() + " failures");
        failures.forEach(f -> System.out.println("FuzzIT failure: " + f));
        assertEquals(List.of(), failures.stream().limit(15).toList(), failures.size() + " of " + sent + " requests failed");

        // nothing stored twice, and the server still answers
        assertEquals(200, App.stk(valid).statusCode());
        Sautikit.awaitSettledCalls("+" + msisdn, 1, Duration.ofSeconds(60));
        App.sleep(2000);
        assertEquals(1, Sautikit.callsTo("+" + msisdn).size(), "the valid callback, sent many times, made one call");
        assertEquals("UP", Health.ready().getString("status"));
    }

    private void check(List<String> failures, String method, String path, String type, String accept, String auth,
                       String body, String... header) {
        String what = method + " " + path + " type=" + type + " accept=" + accept
                + (header != null && header.length == 2 ? " " + header[0] + "=" + abbreviate(header[1]) : "")
                + " body=" + abbreviate(body);
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(App.BASE + path)).timeout(Duration.ofSeconds(30))
                    .method(method, body == null || method.equals("GET") || method.equals("HEAD") || method.equals("TRACE")
                            ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
            if (type != null) {
                request.header("Content-Type", type);
            }
            if (accept != null) {
                request.header("Accept", accept);
            }
            if (auth != null) {
                request.header("Authorization", auth);
            }
            if (header != null && header.length == 2 && !(auth != null && header[0].equals("Authorization"))) {
                request.header(header[0], header[1]);
            }
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String answer = response.body();
            if (response.statusCode() >= 500) {
                failures.add(response.statusCode() + " for " + what + " -> " + abbreviate(answer));
            } else if (LEAK.matcher(answer).find()) {
                failures.add("exception text for " + what + " -> " + abbreviate(answer));
            } else if (response.statusCode() >= 400 && !answer.isEmpty() && !answer.startsWith("{")) {
                failures.add("not a JSON error for " + what + " -> " + response.statusCode() + " " + abbreviate(answer));
            }
        } catch (Exception e) {
            failures.add("no answer for " + what + ": " + e);
        }
    }

    /** Byte-level damage: truncation, a flipped byte, an invalid UTF-8 sequence, a stray percent sign. */
    private static String mutate(Random random, String body) {
        if (body.isEmpty() || random.nextInt(3) == 0) {
            return body;
        }
        StringBuilder b = new StringBuilder(body);
        switch (random.nextInt(4)) {
            case 0 -> b.setLength(random.nextInt(b.length()));
            case 1 -> b.setCharAt(random.nextInt(b.length()), (char) (32 + random.nextInt(95)));
            case 2 -> b.insert(random.nextInt(b.length()), "\uDC00%");
            default -> b.insert(random.nextInt(b.length()), URLEncoder.encode("é&=%", StandardCharsets.UTF_8) + "%g");
        }
        return b.toString();
    }

    private static List<String> rawRequests() {
        String host = "Host: 127.0.0.1:8080\r\nConnection: close\r\n";
        return List.of(
                "POST /thibitisha/api/sautikit/voice/abc HTTP/1.1\r\n" + host
                        + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 10\r\n\r\nDigits=%zz",
                "POST /thibitisha/api/sautikit/voice/a%zzb HTTP/1.1\r\n" + host + "Content-Length: 0\r\n\r\n",
                "POST /thibitisha/api/sautikit/voice/abc?Digits=%zz HTTP/1.1\r\n" + host + "Content-Length: 0\r\n\r\n",
                "POST /thibitisha/api/daraja/174379/it-stk-token/stk HTTP/1.1\r\n" + host
                        + "Content-Type: application/json\r\nContent-Length: 99999999999999999999\r\n\r\n{}",
                "POST /thibitisha/api/sautikit/events HTTP/1.1\r\n" + host + "Content-Length: 5\r\nContent-Length: 7\r\n\r\nabcde",
                "POST /thibitisha/api/sautikit/events HTTP/1.1\r\n" + host + "Transfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n",
                "POST /thibitisha/api/daraja/174379/it-stk-token/stk HTTP/1.1\r\n" + host
                        + "Content-Type: application/json\r\nContent-Length: 4\r\n\r\n\u00c3\u0028{}",
                "GET /thibitisha/api/payments?limit=%zz HTTP/1.1\r\n" + host + "Authorization: " + OPS + "\r\n\r\n",
                "GET /thibitisha/api/stats?day=%C0%AF HTTP/1.1\r\n" + host + "Authorization: " + OPS + "\r\n\r\n",
                "GET /thibitisha/api/payments/%00 HTTP/1.1\r\n" + host + "Authorization: " + OPS + "\r\n\r\n",
                "GARBAGE\r\n\r\n",
                "POST /thibitisha/api/daraja/174379/it-stk-token/stk HTTP/1.1\r\n" + host + "Bad Header Line\r\n\r\n");
    }

    private static String rawExchange(String request) {
        try (Socket socket = new Socket("127.0.0.1", 8080)) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            socket.shutdownOutput();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            in.transferTo(answer);
            return answer.toString(StandardCharsets.ISO_8859_1);
        } catch (java.net.SocketTimeoutException e) {
            return "HTTP/1.1 408 (no answer within 15 s)";
        } catch (Exception e) {
            return "HTTP/1.1 499 (connection closed: " + e.getClass().getSimpleName() + ")";
        }
    }

    private static <T> T pick(Random random, T[] values) {
        return values[random.nextInt(values.length)];
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "null";
        }
        String oneLine = text.replaceAll("\\s+", " ");
        return oneLine.length() > 160 ? oneLine.substring(0, 160) + "…" : oneLine;
    }
}
