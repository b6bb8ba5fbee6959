package ke.thibitisha.sim.daraja;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import ke.thibitisha.sim.DaemonThreads;
import ke.thibitisha.sim.SimHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DarajaLoadTest {

    private static final String PATH = "/thibitisha/api/daraja/600984/s3cret/stk";

    /** A stand-in for the app's STK endpoint: records bodies and how many requests per id overlapped. */
    private HttpServer app;
    private ExecutorService threads;
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final List<String> contentTypes = new CopyOnWriteArrayList<>();
    private final List<String> paths = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> openPerId = new ConcurrentHashMap<>();
    private final Map<String, Integer> maxOpenPerId = new ConcurrentHashMap<>();
    private final AtomicInteger received = new AtomicInteger();
    private volatile int failEvery;
    /** How long the app holds each request open: long enough for a concurrent duplicate to arrive meanwhile. */
    private volatile long holdMs = 40;

    @BeforeEach
    void startApp() {
        threads = Executors.newCachedThreadPool(DaemonThreads.named("daraja-app"));
        app = SimHttp.bind("127.0.0.1", 0, threads);
        app.createContext("/", this::answer);
        app.start();
    }

    @AfterEach
    void stopApp() {
        app.stop(0);
        threads.shutdownNow();
    }

    private void answer(HttpExchange exchange) throws IOException {
        String body = SimHttp.readBody(exchange);
        bodies.add(body);
        paths.add(exchange.getRequestURI().getPath());
        contentTypes.add(exchange.getRequestHeaders().getFirst("Content-Type"));
        String id = DarajaPayloads.checkoutRequestIdOf(body);
        int open = openPerId.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
        maxOpenPerId.merge(id, open, Math::max);
        try {
            Thread.sleep(holdMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        openPerId.get(id).decrementAndGet();
        int n = received.incrementAndGet();
        int status = failEvery > 0 && n % failEvery == 0 ? 500 : 200;
        SimHttp.respondJson(exchange, status, "{\"ResultCode\":0,\"ResultDesc\":\"Accepted\"}");
    }

    private DarajaLoad.Options options() {
        return DarajaLoad.Options.defaults()
                .baseUrl("http://127.0.0.1:" + app.getAddress().getPort() + "/thibitisha")
                .shortcode("600984").token("s3cret");
    }

    @Test
    void sendsEveryPaymentAndItsDuplicatesAsDarajaDoes() throws Exception {
        holdMs = 500; // 40 ms was not always enough on a loaded machine (load average ~40): the overlap is the point here
        LoadReport report = DarajaLoad.run(options().count(40).ratePerSecond(400).duplicateShare(0.25));

        assertEquals(40, report.payments());
        assertEquals(50, report.sent());
        assertEquals(5, report.sequentialDuplicates());
        assertEquals(5, report.concurrentDuplicates());
        assertEquals(50, report.accepted());
        assertEquals(Map.of(), report.errorsByStatus());
        assertEquals(50, bodies.size());
        assertTrue(paths.stream().allMatch(PATH::equals), paths.toString());
        assertTrue(contentTypes.stream().allMatch("application/json;charset=UTF-8"::equals));

        Map<String, Long> copiesPerBody = bodies.stream().collect(Collectors.groupingBy(b -> b, Collectors.counting()));
        assertEquals(40, copiesPerBody.size(), "duplicates are byte-identical resends");
        assertEquals(10, copiesPerBody.values().stream().filter(c -> c == 2).count());
        assertEquals(Set.copyOf(report.checkoutRequestIds()), maxOpenPerId.keySet());
        assertEquals(5, maxOpenPerId.values().stream().filter(open -> open == 2).count(),
                "concurrent duplicates overlap the original");
    }

    @Test
    void reportsAnswerTimesAndTheAchievedRate() throws Exception {
        LoadReport report = DarajaLoad.run(options().count(20).ratePerSecond(100).duplicateShare(0));

        assertTrue(report.p50Ms() >= 40, "the app sleeps 40 ms: " + report.p50Ms());
        assertTrue(report.p50Ms() <= report.p95Ms() && report.p95Ms() <= report.p99Ms()
                && report.p99Ms() <= report.maxMs());
        assertTrue(report.elapsed().toMillis() >= 190, "20 payments at 100/s take 190 ms to start");
        assertTrue(report.achievedRatePerSecond() <= 110, "rate " + report.achievedRatePerSecond());
        assertTrue(report.describe().contains("accepted     20"), report.describe());
    }

    @Test
    void countsRefusalsByStatus() throws Exception {
        failEvery = 4;

        LoadReport report = DarajaLoad.run(options().count(20).ratePerSecond(500).duplicateShare(0));

        assertEquals(15, report.accepted());
        assertEquals(Map.of("500", 5), report.errorsByStatus());
    }

    @Test
    void countsConnectionFailures() throws Exception {
        int port = app.getAddress().getPort();
        app.stop(0);

        LoadReport report = DarajaLoad.run(DarajaLoad.Options.defaults().baseUrl("http://127.0.0.1:" + port)
                .count(3).ratePerSecond(100).duplicateShare(0));

        assertEquals(0, report.accepted());
        assertEquals(Map.of("connection", 3), report.errorsByStatus());
    }

    @Test
    void sendsMixedPayloads() throws Exception {
        LoadReport report = DarajaLoad.run(options().count(10).ratePerSecond(500).duplicateShare(0)
                .mix(DarajaLoad.Mix.MIXED));

        assertEquals(10, report.accepted());
        assertTrue(bodies.stream().anyMatch(b -> b.contains("\"ResultCode\":\"SFC_IC0003\"")));
        assertTrue(bodies.stream().anyMatch(b -> b.contains("\"ResultCode\":1032")));
        assertTrue(bodies.stream().anyMatch(b -> b.contains("{\"Name\":\"Balance\"}")));
    }

    @Test
    void onlyLoopbackTargetsAndSaneOptionsAreAccepted() {
        assertThrows(IllegalArgumentException.class,
                () -> DarajaLoad.run(DarajaLoad.Options.defaults().baseUrl("http://192.0.2.1:8080/thibitisha")));
        assertThrows(IllegalArgumentException.class, () -> DarajaLoad.run(options().ratePerSecond(0)));
        assertThrows(IllegalArgumentException.class, () -> DarajaLoad.run(options().duplicateShare(1.5)));
    }

    @Test
    void duplicatesAreSpreadAndAlternate() {
        DarajaLoad.Duplicate[] plan = DarajaLoad.plan(10, 4);

        assertEquals(List.of(DarajaLoad.Duplicate.SEQUENTIAL, DarajaLoad.Duplicate.NONE, DarajaLoad.Duplicate.CONCURRENT,
                DarajaLoad.Duplicate.NONE, DarajaLoad.Duplicate.NONE, DarajaLoad.Duplicate.SEQUENTIAL,
                DarajaLoad.Duplicate.NONE, DarajaLoad.Duplicate.CONCURRENT, DarajaLoad.Duplicate.NONE,
                DarajaLoad.Duplicate.NONE), Arrays.asList(plan));
        assertEquals(5, Arrays.stream(DarajaLoad.plan(5, 5)).filter(d -> d != DarajaLoad.Duplicate.NONE).count());
    }

    @Test
    void percentilesAreNearestRank() {
        List<Double> values = List.of(1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0);

        assertEquals(5.0, LoadReport.percentile(values, 50));
        assertEquals(10.0, LoadReport.percentile(values, 95));
        assertEquals(1.0, LoadReport.percentile(values, 1));
        assertEquals(0.0, LoadReport.percentile(List.of(), 50));
    }

    @Test
    void slowAnswersAreCountedByTheSecondTheyWereSentIn() {
        List<LoadReport.Answer> answers = List.of(new LoadReport.Answer(200, 5), new LoadReport.Answer(20_100, 4_000),
                new LoadReport.Answer(20_900, 1_500), new LoadReport.Answer(21_000, 1_000),
                new LoadReport.Answer(43_500, 2_000));
        LoadReport report = new LoadReport(5, 5, 0, 0, 5, Map.of(), 1_500, 4_000, 4_000, 4_000, 1, Duration.ofSeconds(44),
                List.of(), answers);

        assertEquals(Map.of(20, 2L, 43, 1L), report.slowAnswersBySecondSent(1_000), "1,000 ms itself is not slow");
        assertEquals(List.of(20, 43), List.copyOf(report.slowAnswersBySecondSent(1_000).keySet()), "in run order");
    }
}
