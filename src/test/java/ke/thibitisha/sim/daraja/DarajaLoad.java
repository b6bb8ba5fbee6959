package ke.thibitisha.sim.daraja;

import ke.thibitisha.sim.DaemonThreads;
import ke.thibitisha.sim.SimHttp;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fires STK result callbacks at a running app ({@code {baseUrl}/api/daraja/{shortcode}/{token}/stk}) the way
 * Daraja posts them: {@code Content-Type: application/json;charset=UTF-8}, no auth. {@code count} payments are
 * started at {@code ratePerSecond}; a share of them is sent twice with the same bytes, alternately once the first
 * answer is back (sequential) and at the same instant (concurrent). Only loopback targets are allowed, and a run is
 * bounded in count and time.
 */
public final class DarajaLoad {

    /** Which bodies are sent. */
    public enum Mix {
        /** F1 successes only. */
        SUCCESS,
        /** A rotation through the success variants (F1–F4, float phone, string "0") and failures (1032, 1037, 1, F10). */
        MIXED
    }

    /** Run settings; every setter returns this. */
    public static final class Options {
        private String baseUrl = "http://127.0.0.1:8080/thibitisha";
        private String shortcode = "174379";
        private String token = "sandbox";
        private double ratePerSecond = 20;
        private int count = 100;
        private double duplicateShare = 0.05;
        private Mix mix = Mix.SUCCESS;
        private Duration requestTimeout = Duration.ofSeconds(10);

        private Options() {
        }

        public static Options defaults() {
            return new Options();
        }

        /** The app's base, e.g. {@code http://127.0.0.1:8080/thibitisha}. */
        public Options baseUrl(String url) {
            this.baseUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
            return this;
        }

        public Options shortcode(String shortcode) {
            this.shortcode = shortcode;
            return this;
        }

        public Options token(String token) {
            this.token = token;
            return this;
        }

        public Options ratePerSecond(double rate) {
            this.ratePerSecond = rate;
            return this;
        }

        /** Number of distinct payments (duplicates come on top). */
        public Options count(int count) {
            this.count = count;
            return this;
        }

        /** Share of payments sent twice, 0..1. */
        public Options duplicateShare(double share) {
            this.duplicateShare = share;
            return this;
        }

        public Options mix(Mix mix) {
            this.mix = mix;
            return this;
        }

        public Options requestTimeout(Duration timeout) {
            this.requestTimeout = timeout;
            return this;
        }

        URI target() {
            return URI.create(baseUrl + "/api/daraja/" + shortcode + "/" + token + "/stk");
        }
    }

    enum Duplicate { NONE, SEQUENTIAL, CONCURRENT }

    private final Options options;
    private final URI target;
    private final HttpClient http;
    private final List<LoadReport.Answer> answers = new CopyOnWriteArrayList<>();
    private long runStartNanos;
    private final Map<String, Integer> errors = new ConcurrentHashMap<>();
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger accepted = new AtomicInteger();
    private final List<String> checkoutRequestIds = new CopyOnWriteArrayList<>();

    private DarajaLoad(Options options, HttpClient http) {
        this.options = options;
        this.target = options.target();
        this.http = http;
    }

    /** Runs the load to the end and reports; throws IllegalArgumentException for bad options or a remote target. */
    public static LoadReport run(Options options) throws InterruptedException {
        if (options.count < 0 || options.ratePerSecond <= 0 || options.duplicateShare < 0
                || options.duplicateShare > 1) {
            throw new IllegalArgumentException("count >= 0, rate > 0 and duplicate share in 0..1 are required");
        }
        if (!SimHttp.isLoopback(options.target())) {
            throw new IllegalArgumentException("load is only sent to this machine; not a loopback URL: "
                    + options.target());
        }
        ExecutorService clientThreads = Executors.newCachedThreadPool(DaemonThreads.named("daraja-client"));
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("daraja-ticker"));
        try {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).executor(clientThreads).build();
            return new DarajaLoad(options, http).fire(ticker);
        } finally {
            ticker.shutdownNow();
            clientThreads.shutdownNow();
        }
    }

    private LoadReport fire(ScheduledExecutorService ticker) throws InterruptedException {
        int duplicates = (int) Math.round(options.count * options.duplicateShare);
        Duplicate[] plan = plan(options.count, duplicates);
        long periodNanos = (long) (1_000_000_000L / options.ratePerSecond);
        List<CompletableFuture<CompletableFuture<Void>>> payments = new ArrayList<>();
        long start = System.nanoTime();
        runStartNanos = start;
        for (int i = 0; i < options.count; i++) {
            int index = i;
            CompletableFuture<CompletableFuture<Void>> scheduled = new CompletableFuture<>();
            ticker.schedule(() -> scheduled.complete(payment(index, plan[index])),
                    periodNanos * i, TimeUnit.NANOSECONDS);
            payments.add(scheduled);
        }
        // bounded: the schedule's length plus one request timeout and a margin
        long budgetNanos = periodNanos * options.count + options.requestTimeout.toNanos() * 2
                + TimeUnit.SECONDS.toNanos(5);
        CompletableFuture<Void> all = CompletableFuture.allOf(payments.stream()
                .map(p -> p.thenCompose(f -> f)).toArray(CompletableFuture[]::new));
        try {
            all.get(budgetNanos, TimeUnit.NANOSECONDS);
        } catch (ExecutionException | TimeoutException e) {
            errors.merge("unfinished", 1, Integer::sum);
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        List<Double> sorted = new ArrayList<>(answers.stream().map(LoadReport.Answer::answerMs).toList());
        Collections.sort(sorted);
        int sequential = (duplicates + 1) / 2;
        return new LoadReport(checkoutRequestIds.size(), sent.get(), sequential, duplicates - sequential,
                accepted.get(), errors, LoadReport.percentile(sorted, 50), LoadReport.percentile(sorted, 95),
                LoadReport.percentile(sorted, 99), sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1),
                sent.get() / Math.max(elapsed.toNanos() / 1e9, 1e-9), elapsed, checkoutRequestIds, answers);
    }

    /** Spreads the duplicates evenly over the run, alternating sequential (first) and concurrent. */
    static Duplicate[] plan(int count, int duplicates) {
        Duplicate[] plan = new Duplicate[count];
        Arrays.fill(plan, Duplicate.NONE);
        for (int k = 0; k < duplicates; k++) {
            plan[(int) ((long) k * count / duplicates)] = k % 2 == 0 ? Duplicate.SEQUENTIAL : Duplicate.CONCURRENT;
        }
        return plan;
    }

    private CompletableFuture<Void> payment(int index, Duplicate duplicate) {
        String body = body(index);
        checkoutRequestIds.add(DarajaPayloads.checkoutRequestIdOf(body));
        CompletableFuture<Void> first = send(body);
        return switch (duplicate) {
            case NONE -> first;
            case SEQUENTIAL -> first.thenCompose(done -> send(body));
            case CONCURRENT -> CompletableFuture.allOf(first, send(body));
        };
    }

    private CompletableFuture<Void> send(String body) {
        HttpRequest request = HttpRequest.newBuilder(target)
                .timeout(options.requestTimeout)
                .header("Content-Type", "application/json;charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        sent.incrementAndGet();
        long startNanos = System.nanoTime();
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).handle((response, failure) -> {
            answers.add(new LoadReport.Answer((startNanos - runStartNanos) / 1e6, (System.nanoTime() - startNanos) / 1e6));
            if (failure != null) {
                boolean timeout = failure instanceof HttpTimeoutException
                        || failure.getCause() instanceof HttpTimeoutException;
                errors.merge(timeout ? "timeout" : "connection", 1, Integer::sum);
            } else if (response.statusCode() / 100 == 2) {
                accepted.incrementAndGet();
            } else {
                errors.merge(Integer.toString(response.statusCode()), 1, Integer::sum);
            }
            return null;
        });
    }

    private String body(int index) {
        String phone = "25472" + String.format("%07d", ThreadLocalRandom.current().nextInt(10_000_000));
        long amount = 10 + ThreadLocalRandom.current().nextInt(4990);
        if (options.mix == Mix.SUCCESS) {
            return DarajaPayloads.stkSuccess(amount, phone);
        }
        return switch (index % 10) {
            case 0 -> DarajaPayloads.stkSuccess(amount, phone);
            case 1 -> DarajaPayloads.stkSuccessDecimalValuelessBalance(BigDecimal.valueOf(amount), phone);
            case 2 -> DarajaPayloads.stkSuccessReordered(amount, phone);
            case 3 -> DarajaPayloads.stkSuccessStringTypes(amount + ".00", phone);
            case 4 -> DarajaPayloads.stkSuccessFloatPhone(amount, phone);
            case 5 -> DarajaPayloads.stkSuccessStringResultCode(amount, phone);
            case 6 -> DarajaPayloads.stkFailure(1032);
            case 7 -> DarajaPayloads.stkFailure(1037);
            case 8 -> DarajaPayloads.stkStringResultCode();
            default -> DarajaPayloads.stkFailure(1);
        };
    }
}
