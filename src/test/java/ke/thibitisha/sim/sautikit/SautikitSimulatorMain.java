package ke.thibitisha.sim.sautikit;

import ke.thibitisha.sim.CommandLine;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the Sautikit simulator until interrupted:
 * {@code ./mvnw -q test-compile exec:java -Dexec.mainClass=ke.thibitisha.sim.sautikit.SautikitSimulatorMain
 * -Dexec.args="--port=18089 --owned=+254711000000 --events-url=http://127.0.0.1:8080/thibitisha/api/sautikit/events"}
 */
public final class SautikitSimulatorMain {

    static final String USAGE = """
            Sautikit simulator: a fake of the Sautikit voice API on http://HOST:PORT (control plane under /_sim/).
            Arguments (all optional, --key=value):
              --host=127.0.0.1            listening address
              --port=18089                0 picks a free port
              --api-key=test-key          accepted bearer keys, comma-separated
              --owned=+254711000000       owned (from) numbers, comma-separated
              --events-url=URL            where call.* events go (none: events are dropped)
              --webhook-secret=whsec_test signing secret
              --voice-callback-url=URL    callback for creates without voice_callback_url
              --scheme=A|B                event signature scheme (default A)
              --encoding=FORM|JSON        voice callback body encoding (default FORM)
              --max-concurrent=10         active calls before 429
              --balance-minor=100000000   wallet balance in minor units (0 = empty: 402)
              --billing=per_minute|per_second
              --rate-minor=300            per-minute rate in minor units
              --action-ms=5               time one say/play takes
              --retry-scale=0.001         factor on the event retry schedule (0, 30 s, 2 min, ...)
              --default-script=answer:50:400:1
              --scripts=+254722000001=busy,+254722123456=answer:100:400:1/2
                                          scripts: answer:<ringMs>:<talkMs>[:<keys>/<keys>...] ("-" = no input),
                                          busy|no_answer|failed|canceled[:<ringMs>]
              --help
            Control plane: GET /_sim/state|calls|requests|events, POST /_sim/script?to=%2B2547...&spec=busy,
            POST /_sim/faults?failNext=2&status=503&slowMs=200&drop=1, POST /_sim/events?duplicateEach=true&scheme=B,
            POST /_sim/config?maxConcurrentCalls=5&balanceMinor=0&encoding=JSON, POST /_sim/reset
            """;

    private static final Set<String> KNOWN = Set.of("host", "port", "api-key", "owned", "events-url",
            "webhook-secret", "voice-callback-url", "scheme", "encoding", "max-concurrent", "balance-minor", "billing",
            "rate-minor", "action-ms", "retry-scale", "default-script", "scripts", "help");

    private SautikitSimulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        SautikitSimulator.Options options;
        Map<String, CallScript> scripts;
        try {
            CommandLine cli = CommandLine.parse(args, KNOWN);
            if (cli.has("help")) {
                System.out.print(USAGE);
                return;
            }
            options = options(cli);
            scripts = scripts(cli.get("scripts", ""));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        SautikitSimulator sim = SautikitSimulator.start(options);
        scripts.forEach(sim::script);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sim.close();
            stopped.countDown();
        }));
        System.out.println("Sautikit simulator listening on " + sim.baseUrl()
                + " (workspace " + sim.workspaceId() + "); state at " + sim.baseUrl() + "/_sim/state; Ctrl-C stops");
        stopped.await();
    }

    /** {@code +254722000001=busy,+254722123456=answer:100:400:1} */
    static Map<String, CallScript> scripts(String text) {
        Map<String, CallScript> scripts = new LinkedHashMap<>();
        for (String entry : text.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            int eq = entry.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("expected <number>=<script> in --scripts, got " + entry);
            }
            scripts.put(entry.substring(0, eq).trim(), CallScript.parse(entry.substring(eq + 1)));
        }
        return scripts;
    }

    static SautikitSimulator.Options options(CommandLine cli) {
        return SautikitSimulator.Options.defaults()
                .host(cli.get("host", "127.0.0.1"))
                .port(cli.getInt("port", 18089))
                .apiKey(cli.get("api-key", "test-key").split(","))
                .ownedNumbers(cli.get("owned", "+254711000000").split(","))
                .eventsUrl(cli.get("events-url", null))
                .webhookSecret(cli.get("webhook-secret", "whsec_test"))
                .voiceCallbackUrl(cli.get("voice-callback-url", null))
                .signatureScheme(SignatureScheme.valueOf(cli.get("scheme", "A").toUpperCase(Locale.ROOT)))
                .voiceCallbackEncoding(Encoding.valueOf(cli.get("encoding", "FORM").toUpperCase(Locale.ROOT)))
                .maxConcurrentCalls(cli.getInt("max-concurrent", 10))
                .walletBalanceMinor(cli.getLong("balance-minor", 1_000_000_00L))
                .billing(Billing.valueOf(cli.get("billing", "per_minute").toUpperCase(Locale.ROOT)))
                .ratePerMinuteMinor(cli.getLong("rate-minor", 300))
                .actionDuration(Duration.ofMillis(cli.getLong("action-ms", 5)))
                .retryScale(cli.getDouble("retry-scale", 0.001))
                .defaultScript(CallScript.parse(cli.get("default-script", "answer:50:400:1")));
    }
}
