package ke.thibitisha.sim.sautikit;

import com.sun.net.httpserver.HttpServer;
import ke.thibitisha.sim.DaemonThreads;
import ke.thibitisha.sim.SimHttp;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A faithful fake of the Sautikit voice API (sautikit-api.md §19) on the JDK HTTP server: the /v1 calls API with
 * bearer keys, validation, idempotency, wallet and concurrency limit; scripted call outcomes; the voice callback
 * dialogue with the app; signed call events with retries; fault switches; and a Java (plus {@code /_sim/} HTTP)
 * control plane to script it and read what happened.
 *
 * <pre>{@code
 * try (SautikitSimulator sim = SautikitSimulator.start(SautikitSimulator.Options.defaults()
 *         .apiKey("test-key").ownedNumbers("+254711000000").eventsUrl(url).webhookSecret("whsec_test"))) {
 *     sim.script("+254722123456", CallScript.answer(100, 400).pressing("1"));
 *     ...
 *     sim.awaitTerminal(1, Duration.ofSeconds(10));
 * }
 * }</pre>
 */
public final class SautikitSimulator implements AutoCloseable {

    /** Start-up settings; every setter returns this. */
    public static final class Options {
        private String host = "127.0.0.1";
        private int port;
        private final Set<String> apiKeys = new LinkedHashSet<>(Set.of("test-key"));
        private final Set<String> ownedNumbers = new LinkedHashSet<>();
        private String eventsUrl;
        private String webhookSecret;
        private String voiceCallbackUrl;
        private String workspaceId = UUID.randomUUID().toString();
        private int maxConcurrentCalls = 10;
        private long walletBalanceMinor = 1_000_000_00L;
        private long ratePerMinuteMinor = 300;
        private Billing billing = Billing.PER_MINUTE;
        private SignatureScheme signatureScheme = SignatureScheme.A;
        private Encoding voiceCallbackEncoding = Encoding.FORM;
        private Duration voiceCallbackTimeout = Duration.ofSeconds(5);
        private Duration actionDuration = Duration.ofMillis(5);
        private NoInput noInput = NoInput.OMIT_DIGITS;
        private double retryScale = 0.001;
        private boolean strictTo = true;
        private Clock clock = Clock.systemUTC();
        private Duration idempotencyWindow = Duration.ofHours(24);
        private CallScript defaultScript = CallScript.answer(50, 400);

        private Options() {
        }

        public static Options defaults() {
            return new Options();
        }

        /** Listening address; loopback by default. */
        public Options host(String host) {
            this.host = host;
            return this;
        }

        /** 0 (the default) picks a free port. */
        public Options port(int port) {
            this.port = port;
            return this;
        }

        /** Accepted bearer keys (replaces the default "test-key"). */
        public Options apiKey(String... keys) {
            apiKeys.clear();
            apiKeys.addAll(List.of(keys));
            return this;
        }

        /** The workspace's active numbers: the only accepted {@code from} and {@code caller_id} values. */
        public Options ownedNumbers(String... numbers) {
            ownedNumbers.addAll(List.of(numbers));
            return this;
        }

        /** The owned numbers' {@code events_url}; null (default) drops every event. */
        public Options eventsUrl(String url) {
            this.eventsUrl = url;
            return this;
        }

        /** Signing secret of events (and voice callbacks); null sends them unsigned. */
        public Options webhookSecret(String secret) {
            this.webhookSecret = secret;
            return this;
        }

        /** The numbers' routing URL, used when a create request has no {@code voice_callback_url}. */
        public Options voiceCallbackUrl(String url) {
            this.voiceCallbackUrl = url;
            return this;
        }

        public Options workspaceId(String id) {
            this.workspaceId = id;
            return this;
        }

        public Options maxConcurrentCalls(int max) {
            this.maxConcurrentCalls = max;
            return this;
        }

        public Options walletBalanceMinor(long minor) {
            this.walletBalanceMinor = minor;
            return this;
        }

        public Options ratePerMinuteMinor(long minor) {
            this.ratePerMinuteMinor = minor;
            return this;
        }

        public Options billing(Billing billing) {
            this.billing = billing;
            return this;
        }

        public Options signatureScheme(SignatureScheme scheme) {
            this.signatureScheme = scheme;
            return this;
        }

        public Options voiceCallbackEncoding(Encoding encoding) {
            this.voiceCallbackEncoding = encoding;
            return this;
        }

        /** How long the simulator waits for the app's voice document. */
        public Options voiceCallbackTimeout(Duration timeout) {
            this.voiceCallbackTimeout = timeout;
            return this;
        }

        /** Time one say/play (or a no-input getDigits wait) takes; 5 ms by default. */
        public Options actionDuration(Duration duration) {
            this.actionDuration = duration;
            return this;
        }

        public Options noInput(NoInput noInput) {
            this.noInput = noInput;
            return this;
        }

        /** Factor applied to the documented event retry schedule (0, 30 s, 2 min, …); 1/1000 by default. */
        public Options retryScale(double factor) {
            this.retryScale = factor;
            return this;
        }

        /** When false, a bare-string {@code to} is accepted as a one-element array. */
        public Options strictTo(boolean strict) {
            this.strictTo = strict;
            return this;
        }

        /** Clock of timestamps and of the idempotency window. */
        public Options clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Options idempotencyWindow(Duration window) {
            this.idempotencyWindow = window;
            return this;
        }

        /** Script for unscripted numbers; answer after 50 ms, 400 ms on the line, no keys, by default. */
        public Options defaultScript(CallScript script) {
            this.defaultScript = script;
            return this;
        }
    }

    private static final Duration AWAIT_POLL = Duration.ofMillis(10);

    private final Options options;
    private final HttpServer server;
    private final ExecutorService serverThreads;
    private final ExecutorService clientThreads;
    private final ScheduledExecutorService scheduler;
    private final CallRegistry registry = new CallRegistry();
    private final List<RecordedRequest> createRequests = new CopyOnWriteArrayList<>();
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final ScriptBook scripts;
    private final ApiKeys keys;
    private final AtomicBoolean suspended = new AtomicBoolean();
    private final FaultInjector faults = new FaultInjector();
    private final IdempotencyStore idempotency;
    private final CallLimiter limiter;
    private final Wallet wallet;
    private final EventPublisher events;
    private final VoiceCallbackClient voice;
    private final CallRunner runner;

    private SautikitSimulator(Options options) {
        this.options = options;
        this.serverThreads = Executors.newCachedThreadPool(DaemonThreads.named("sautikit-api"));
        this.clientThreads = Executors.newCachedThreadPool(DaemonThreads.named("sautikit-client"));
        this.scheduler = Executors.newScheduledThreadPool(4, DaemonThreads.named("sautikit-calls"));
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .executor(clientThreads)
                .build();
        this.scripts = new ScriptBook(options.defaultScript);
        this.keys = new ApiKeys(options.apiKeys);
        this.idempotency = new IdempotencyStore(options.clock, options.idempotencyWindow);
        this.limiter = new CallLimiter(options.maxConcurrentCalls);
        this.wallet = new Wallet(options.walletBalanceMinor);
        this.events = new EventPublisher(http, scheduler, options.clock, options.workspaceId, options.eventsUrl,
                options.webhookSecret, options.signatureScheme, options.retryScale);
        this.voice = new VoiceCallbackClient(http, options.clock, events, options.voiceCallbackTimeout,
                options.voiceCallbackEncoding);
        this.runner = new CallRunner(scheduler, options.clock, events, voice, wallet, limiter, options.billing,
                violations::add, options.actionDuration, options.noInput);
        CallFactory factory = new CallFactory(Set.copyOf(options.ownedNumbers), options.strictTo,
                options.voiceCallbackUrl, options.ratePerMinuteMinor, options.clock, wallet, limiter, registry, scripts);
        this.server = SimHttp.bind(options.host, options.port, serverThreads);
        server.createContext("/", new CallsApi(keys, suspended, faults, idempotency, factory, runner, registry,
                wallet, options.workspaceId, options.clock, createRequests));
        server.createContext("/_sim/", new ControlApi(this));
    }

    public static SautikitSimulator start(Options options) {
        SautikitSimulator sim = new SautikitSimulator(options);
        sim.server.start();
        return sim;
    }

    /** e.g. {@code http://127.0.0.1:18089} */
    public String baseUrl() {
        return "http://" + options.host + ":" + port();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String workspaceId() {
        return options.workspaceId;
    }

    // ---- scripting -------------------------------------------------------------------------------------------

    public void script(String to, CallScript script) {
        scripts.script(to, script);
    }

    public void defaultScript(CallScript script) {
        scripts.defaultScript(script);
    }

    /** The next {@code count} API requests answer {@code status} with the error envelope, unprocessed. */
    public void failNext(int count, int status) {
        faults.failNext(count, status);
    }

    /** Every API answer is delayed by this much (zero to stop). */
    public void slowResponses(Duration delay) {
        faults.delay(delay);
    }

    /** The next {@code count} API requests are processed, then their connection is closed without an answer. */
    public void dropConnections(int count) {
        faults.dropNext(count);
    }

    public Wallet wallet() {
        return wallet;
    }

    public void maxConcurrentCalls(int max) {
        limiter.setLimit(max);
    }

    public EventPublisher events() {
        return events;
    }

    public void voiceCallbackEncoding(Encoding encoding) {
        voice.encoding(encoding);
    }

    public void actionDuration(Duration duration) {
        runner.actionDuration(duration);
    }

    public void noInput(NoInput noInput) {
        runner.noInput(noInput);
    }

    /** Accept one more bearer key (or un-revoke it). */
    public void acceptKey(String key) {
        keys.accept(key);
    }

    /** Requests with this key answer 401 {@code api_key.revoked}. */
    public void revokeKey(String key) {
        keys.revoke(key);
    }

    /** A suspended workspace refuses every POST with 403 {@code account.suspended}; reads still work. */
    public void suspend(boolean suspended) {
        this.suspended.set(suspended);
    }

    // ---- reading ---------------------------------------------------------------------------------------------

    /** Every call created, oldest first (replays and refused requests create none). */
    public List<SimCall> calls() {
        return registry.all();
    }

    /** A call by call_id or session_id. */
    public Optional<SimCall> call(String id) {
        return registry.find(id);
    }

    /** Every POST /v1/calls (and alias) received, including replays and failures, with the status answered. */
    public List<RecordedRequest> createRequests() {
        return List.copyOf(createRequests);
    }

    /** Highest number of calls in flight at once since start (or reset). */
    public int maxInFlight() {
        return limiter.peak();
    }

    /** Calls between their 201 and their terminal status. */
    public int inFlight() {
        return limiter.inFlight();
    }

    /** Problems found in what the app's voice callback answered: DSL rule violations, errors, non-JSON. */
    public List<String> documentViolations() {
        return List.copyOf(violations);
    }

    /**
     * Waits until at least {@code expectedCalls} calls are terminal and their final events were delivered,
     * dropped or dead-lettered. False on timeout.
     */
    public boolean awaitTerminal(int expectedCalls, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (registry.all().stream().filter(SimCall::isSettled).count() < expectedCalls) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(AWAIT_POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /**
     * Back to the start-up state: calls in flight are abandoned silently (no more callbacks or events), logs,
     * scripts, idempotency cache, faults, event switches, keys, wallet and limit are reset.
     */
    public void reset() {
        registry.all().forEach(SimCall::abandon);
        registry.clear();
        createRequests.clear();
        violations.clear();
        idempotency.clear();
        scripts.reset();
        faults.reset();
        events.reset();
        keys.reset();
        suspended.set(false);
        limiter.clear();
        limiter.setLimit(options.maxConcurrentCalls);
        wallet.setBalanceMinor(options.walletBalanceMinor);
        voice.encoding(options.voiceCallbackEncoding);
        runner.actionDuration(options.actionDuration);
        runner.noInput(options.noInput);
    }

    @Override
    public void close() {
        server.stop(0);
        scheduler.shutdownNow();
        serverThreads.shutdownNow();
        clientThreads.shutdownNow();
    }
}
