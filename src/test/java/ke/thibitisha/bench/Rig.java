package ke.thibitisha.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a scenario runs against: the simulator JVM, then the server (data wiped unless {@code --keep-data}, the
 * ops user added) configured to dial the simulator. Closing stops both.
 */
final class Rig implements AutoCloseable {

    private static final AtomicInteger SIM_LOG_NUMBER = new AtomicInteger();

    private final BenchOptions options;
    private final SimProcess sim;
    private final ServerProcess server;
    private final AppClient app;
    private final Duration firstStart;

    private Rig(BenchOptions options, SimProcess sim, ServerProcess server, AppClient app, Duration firstStart) {
        this.options = options;
        this.sim = sim;
        this.server = server;
        this.app = app;
        this.firstStart = firstStart;
    }

    /** {@code extraEnv}: settings a scenario needs on top of the defaults (e.g. Daraja verification). */
    static Rig start(BenchOptions options, Path logDir, Map<String, String> extraEnv) {
        int httpPort = 8080 + options.portOffset();
        AppClient app = new AppClient(httpPort);
        SimProcess sim = SimProcess.start(options.simPort(), app.eventsUrl(),
                logDir.resolve("sim-" + SIM_LOG_NUMBER.incrementAndGet() + ".log"));
        ServerProcess server = null;
        try {
            Map<String, String> env = serverEnv(options, app);
            env.putAll(extraEnv);
            server = new ServerProcess(options.serverDir(), options.portOffset(), env,
                    options.serverArgs(), logDir);
            if (!options.keepData()) {
                server.wipeData();
            }
            server.addUser(AppClient.OPS_USER, AppClient.OPS_PASSWORD, "ops");
            Duration started = server.start();
            return new Rig(options, sim, server, app, started);
        } catch (RuntimeException e) {
            if (server != null) {
                server.stop();
            }
            sim.stop();
            throw e;
        }
    }

    /** The server's configuration: everything points at the simulator; the rest are the product's defaults. */
    static Map<String, String> serverEnv(BenchOptions options, AppClient app) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SAUTIKIT_BASE_URL", "http://127.0.0.1:" + options.simPort());
        env.put("SAUTIKIT_API_KEY", SimProcess.API_KEY);
        env.put("SAUTIKIT_FROM_NUMBER", SimProcess.FROM_NUMBER);
        env.put("SAUTIKIT_WEBHOOK_SECRET", SimProcess.WEBHOOK_SECRET);
        env.put("APP_URL", app.baseUrl());
        env.put("PAYBILL_174379_TOKEN", AppClient.TOKEN);
        env.put("DIALER_STATUS_POLL_INTERVAL", "PT1S");
        env.put("DIALER_MAX_CONCURRENT_CALLS", Integer.toString(options.cap()));
        if (options.smoke()) {
            // the outage scenario waits out one pause after Sautikit recovers; 30 s would dominate a smoke run
            env.put("DIALER_PAUSE_INTERVAL", "PT5S");
        }
        return env;
    }

    /**
     * The simulator with no history and the given default call script, once the calls of an earlier scenario on
     * this rig have ended (a reset abandons calls in flight, and the app would wait for them until its hold timeout).
     */
    void freshSimulator(String defaultScript) {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (sim().state().getInt("in_flight") > 0 && System.nanoTime() < deadline) {
            Pause.millis(200);
        }
        sim().reset();
        sim().defaultScript(defaultScript);
    }

    BenchOptions options() {
        return options;
    }

    SimControl sim() {
        return sim.control();
    }

    ServerProcess server() {
        return server;
    }

    AppClient app() {
        return app;
    }

    /** Process start to ready of the first start (data wiped unless --keep-data). */
    Duration firstStart() {
        return firstStart;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } finally {
            sim.stop();
        }
    }
}
