package ke.thibitisha.sim.daraja;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import ke.thibitisha.sim.DaemonThreads;
import ke.thibitisha.sim.SimHttp;
import ke.thibitisha.sim.SimJson;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fake of Daraja's OAuth and STK Push Query (daraja.md §4, §2, §9 F14/F16) on the JDK HTTP server, for the
 * verification stage:
 * <ul>
 * <li>{@code GET /oauth/v1/generate?grant_type=client_credentials} with HTTP Basic: a token and {@code expires_in}
 * as a string; wrong credentials {@code 400.008.01}, wrong grant type {@code 400.008.02}. Expired or unknown tokens
 * get {@code 404.001.03} on the query.</li>
 * <li>{@code POST /mpesa/stkpushquery/v1/query}: checks the Password ({@code base64(shortcode + passkey +
 * timestamp)}) and that the Timestamp is Nairobi time now (±5 min); answers string codes ({@code "0"}, {@code "1032"},
 * …) or, when switched, numbers; {@code 4999} or {@code 500.001.1001} "being processed" while the prompt is open;
 * {@code 500.001.1001} "does not Exist" for an id it does not know, and every n-th time for one it knows; spike
 * arrest {@code 500.003.02} above N queries a second; quota {@code 500.003.03} after Q queries; final answers never
 * change.</li>
 * <li>{@link #know}/{@link #forget} (or {@code knowUnlisted}) decide which CheckoutRequestIDs exist: the switch that
 * tells a genuine payment from a forged one. The same controls over HTTP: {@link DarajaControlApi}.</li>
 * </ul>
 */
public final class DarajaApiSimulator implements AutoCloseable {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    private static final Duration TIMESTAMP_TOLERANCE = Duration.ofMinutes(5);

    /** How a payment whose prompt is still open is answered. */
    public enum Pending {
        /** HTTP 200, {@code ResultCode "4999"} "The transaction is still under processing" (2026 capture). */
        STILL_PROCESSING,
        /** HTTP 500, {@code 500.001.1001} "The transaction is being processed" (2018 capture). */
        BEING_PROCESSED
    }

    /** One query as received and answered. */
    public record Query(Instant at, String checkoutRequestId, int status, String code) {
    }

    private static final class Transaction {
        final String resultCode;
        final Pending pendingStyle;
        int pendingLeft;
        int queries;

        Transaction(String resultCode, int pendingLeft, Pending pendingStyle) {
            this.resultCode = resultCode;
            this.pendingLeft = pendingLeft;
            this.pendingStyle = pendingStyle;
        }
    }

    private final HttpServer server;
    private final ExecutorService threads;
    private final String consumerKey;
    private final String consumerSecret;
    private final Map<String, String> passkeys;
    private final Map<String, Transaction> transactions = new ConcurrentHashMap<>();
    private final Map<String, Instant> tokens = new ConcurrentHashMap<>();
    private final List<Query> queries = new CopyOnWriteArrayList<>();
    private final Deque<Long> lastSecond = new ArrayDeque<>();
    private final AtomicInteger tokensIssued = new AtomicInteger();
    private final AtomicLong totalQueries = new AtomicLong();

    private volatile Duration tokenLifetime = Duration.ofSeconds(3599);
    private volatile Duration latency = Duration.ZERO;
    private volatile int spikeArrestPerSecond;
    private volatile long quota;
    private volatile int flakyEvery;
    private volatile boolean knowUnlisted;
    private volatile boolean numericCodes;

    private DarajaApiSimulator(String host, int port, String consumerKey, String consumerSecret,
                               Map<String, String> passkeys) {
        this.consumerKey = consumerKey;
        this.consumerSecret = consumerSecret;
        this.passkeys = Map.copyOf(passkeys);
        this.threads = Executors.newCachedThreadPool(DaemonThreads.named("daraja-sim"));
        this.server = SimHttp.bind(host, port, threads);
        server.createContext("/oauth/v1/generate", this::oauth);
        server.createContext("/mpesa/stkpushquery/v1/query", this::query);
        server.createContext("/_sim/daraja/", new DarajaControlApi(this));
        server.start();
    }

    /** Listens on 127.0.0.1:port (0: a free one) for this app's credentials and these paybills' passkeys. */
    public static DarajaApiSimulator start(int port, String consumerKey, String consumerSecret,
                                           Map<String, String> passkeys) {
        return new DarajaApiSimulator("127.0.0.1", port, consumerKey, consumerSecret, passkeys);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    // --- the switches ---

    /** Daraja knows this payment; its query answers {@code resultCode} ("0" paid, "1032" cancelled, …) from now on. */
    public void know(String checkoutRequestId, String resultCode) {
        know(checkoutRequestId, resultCode, 0, Pending.STILL_PROCESSING);
    }

    /** Known, but the first {@code pendingQueries} queries find the prompt still open. */
    public void know(String checkoutRequestId, String resultCode, int pendingQueries, Pending style) {
        transactions.put(checkoutRequestId, new Transaction(resultCode, pendingQueries, style));
    }

    /** Daraja has never heard of this payment (a forged callback's id). */
    public void forget(String checkoutRequestId) {
        transactions.remove(checkoutRequestId);
    }

    /** When true, an id never named by {@link #know}/{@link #forget} is a paid payment. */
    public void knowUnlisted(boolean known) {
        this.knowUnlisted = known;
    }

    /** Every query waits this long before its answer (Daraja's own latency). */
    public void latency(Duration delay) {
        this.latency = delay;
    }

    /** More than this many queries within a second are answered spike arrest; 0: no limit. */
    public void spikeArrestPerSecond(int limit) {
        this.spikeArrestPerSecond = limit;
    }

    /** Queries after the first {@code limit} (since start or reset) are answered quota violation; 0: no quota. */
    public void quota(long limit) {
        this.quota = limit;
    }

    /** Every n-th query about a known payment is answered {@code 500.001.1001} with an empty message; 0: never. */
    public void flakyEvery(int n) {
        this.flakyEvery = n;
    }

    /** Result codes as JSON numbers instead of the documented strings. */
    public void numericCodes(boolean numeric) {
        this.numericCodes = numeric;
    }

    public void tokenLifetime(Duration lifetime) {
        this.tokenLifetime = lifetime;
    }

    /** Every token issued so far stops working (the client must fetch a new one). */
    public void expireTokens() {
        tokens.clear();
    }

    /** Forgets payments, queries, tokens, and every switch. */
    public void reset() {
        transactions.clear();
        tokens.clear();
        queries.clear();
        synchronized (lastSecond) {
            lastSecond.clear();
        }
        tokensIssued.set(0);
        totalQueries.set(0);
        latency = Duration.ZERO;
        spikeArrestPerSecond = 0;
        quota = 0;
        flakyEvery = 0;
        knowUnlisted = false;
        numericCodes = false;
        tokenLifetime = Duration.ofSeconds(3599);
    }

    // --- what happened ---

    public List<Query> queries() {
        return List.copyOf(queries);
    }

    public List<Query> queriesFor(String checkoutRequestId) {
        return queries.stream().filter(q -> checkoutRequestId.equals(q.checkoutRequestId())).toList();
    }

    public int tokensIssued() {
        return tokensIssued.get();
    }

    /** Answers by code ({@code 0}, {@code 4999}, {@code 500.003.02}, …). */
    public Map<String, Integer> answersByCode() {
        Map<String, Integer> counts = new HashMap<>();
        queries.forEach(q -> counts.merge(q.code(), 1, Integer::sum));
        return counts;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    // --- the API ---

    private void oauth(HttpExchange exchange) throws IOException {
        SimHttp.readBody(exchange);
        Map<String, String> query = SimHttp.parseForm(exchange.getRequestURI().getRawQuery());
        if (!"GET".equals(exchange.getRequestMethod())) {
            error(exchange, 405, "405.001", "Method Not Allowed", null);
            return;
        }
        if (!"client_credentials".equals(query.get("grant_type"))) {
            error(exchange, 400, "400.008.02", "Invalid grant type passed", null);
            return;
        }
        String expected = "Basic " + Base64.getEncoder().encodeToString((consumerKey + ":" + consumerSecret)
                .getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            error(exchange, 400, "400.008.01", "Invalid Authentication passed", null);
            return;
        }
        String token = UUID.randomUUID().toString().replace("-", "").substring(0, 28);
        tokens.put(token, Instant.now().plus(tokenLifetime));
        tokensIssued.incrementAndGet();
        SimHttp.respondJson(exchange, 200, SimJson.object().add("access_token", token)
                .add("expires_in", Long.toString(tokenLifetime.toSeconds())).build().toString());
    }

    private void query(HttpExchange exchange) throws IOException {
        String body = SimHttp.readBody(exchange);
        Instant at = Instant.now();
        sleep(latency);
        JsonObject request;
        try {
            request = SimJson.parseObject(body);
        } catch (RuntimeException e) {
            request = null;
        }
        String id = request == null ? null : text(request, "CheckoutRequestID");
        Answer answer = answer(exchange, request, id);
        queries.add(new Query(at, id, answer.status(), answer.code()));
        SimHttp.respondJson(exchange, answer.status(), answer.json());
    }

    private record Answer(int status, String code, String json) {
    }

    private Answer answer(HttpExchange exchange, JsonObject request, String id) {
        long n = totalQueries.incrementAndGet();
        if (!"POST".equals(exchange.getRequestMethod())) {
            return errorAnswer(405, "405.001", "Method Not Allowed", id);
        }
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        Instant expiry = auth != null && auth.startsWith("Bearer ") ? tokens.get(auth.substring(7)) : null;
        if (expiry == null || Instant.now().isAfter(expiry)) {
            return errorAnswer(404, "404.001.03", "Invalid Access Token", id);
        }
        if (spikeArrested()) {
            return errorAnswer(500, "500.003.02", "Spike Arrest Violation", id);
        }
        if (quota > 0 && n > quota) {
            return errorAnswer(500, "500.003.03", "Quota Violation", id);
        }
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (contentType == null || !contentType.startsWith("application/json") || request == null) {
            return errorAnswer(400, "400.002.02", "Bad Request - Invalid BusinessShortCode", id);
        }
        String shortcode = text(request, "BusinessShortCode");
        String passkey = shortcode == null ? null : passkeys.get(shortcode);
        if (passkey == null) {
            return errorAnswer(500, "500.001.1001", "Merchant does not exist", id);
        }
        String timestamp = text(request, "Timestamp");
        if (!nairobiNow(timestamp)) {
            return errorAnswer(400, "400.002.02", "Bad Request - Invalid Timestamp", id);
        }
        String password = Base64.getEncoder().encodeToString((shortcode + passkey + timestamp).getBytes(StandardCharsets.UTF_8));
        if (!password.equals(text(request, "Password"))) {
            return errorAnswer(500, "500.001.1001", "Wrong credentials", id);
        }
        if (id == null) {
            return errorAnswer(400, "400.002.02", "Bad Request - Invalid CheckoutRequestID", id);
        }
        Transaction tx = transactions.get(id);
        if (tx == null && knowUnlisted) {
            tx = transactions.computeIfAbsent(id, k -> new Transaction("0", 0, Pending.STILL_PROCESSING));
        }
        if (tx == null) {
            return errorAnswer(500, "500.001.1001", "The transaction does not Exist", id);
        }
        synchronized (tx) {
            tx.queries++;
            if (flakyEvery > 0 && tx.queries % flakyEvery == 0) {
                return errorAnswer(500, "500.001.1001", "", id);
            }
            if (tx.pendingLeft > 0) {
                tx.pendingLeft--;
                if (tx.pendingStyle == Pending.BEING_PROCESSED) {
                    return errorAnswer(500, "500.001.1001", "The transaction is being processed", id);
                }
                return result(id, "4999", "The transaction is still under processing");
            }
            return result(id, tx.resultCode, DarajaPayloads.FAILURE_DESCRIPTIONS.getOrDefault(parseOrZero(tx.resultCode),
                    tx.resultCode.equals("0") ? "The service request is processed successfully." : "Failed."));
        }
    }

    private Answer result(String id, String code, String description) {
        JsonObjectBuilder json = SimJson.object()
                .add("ResponseCode", "0")
                .add("ResponseDescription", "The service request has been accepted successfully")
                .add("MerchantRequestID", "sim-" + Math.abs(id.hashCode()))
                .add("CheckoutRequestID", id);
        if (numericCodes && code.matches("\\d+")) {
            json.add("ResultCode", Long.parseLong(code));
        } else {
            json.add("ResultCode", code);
        }
        return new Answer(200, code, json.add("ResultDesc", description).build().toString());
    }

    private static Answer errorAnswer(int status, String code, String message, String id) {
        return new Answer(status, code, SimJson.object().add("requestId", id == null ? UUID.randomUUID().toString() : id)
                .add("errorCode", code).add("errorMessage", message).build().toString());
    }

    private static void error(HttpExchange exchange, int status, String code, String message, String id) throws IOException {
        SimHttp.respondJson(exchange, status, errorAnswer(status, code, message, id).json());
    }

    /** Counts this query in a sliding one-second window; true when it is over the limit. */
    private boolean spikeArrested() {
        int limit = spikeArrestPerSecond;
        long now = System.nanoTime();
        synchronized (lastSecond) {
            while (!lastSecond.isEmpty() && now - lastSecond.peekFirst() > 1_000_000_000L) {
                lastSecond.pollFirst();
            }
            lastSecond.addLast(now);
            return limit > 0 && lastSecond.size() > limit;
        }
    }

    private static boolean nairobiNow(String timestamp) {
        if (timestamp == null) {
            return false;
        }
        try {
            LocalDateTime sent = LocalDateTime.parse(timestamp, TIMESTAMP);
            LocalDateTime now = LocalDateTime.now(DarajaIds.NAIROBI);
            return Duration.between(sent, now).abs().compareTo(TIMESTAMP_TOLERANCE) <= 0;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static int parseOrZero(String code) {
        try {
            return Integer.parseInt(code);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String text(JsonObject json, String key) {
        var value = json.get(key);
        if (value instanceof jakarta.json.JsonString s) {
            return s.getString();
        }
        return value == null || value.getValueType() == jakarta.json.JsonValue.ValueType.NULL ? null : value.toString();
    }

    private static void sleep(Duration delay) {
        if (delay.isZero()) {
            return;
        }
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
