package ke.thibitisha.sim.daraja;

import ke.thibitisha.sim.CommandLine;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * Fires STK callbacks at a running app and prints the report:
 * {@code ./mvnw -q test-compile exec:java -Dexec.mainClass=ke.thibitisha.sim.daraja.DarajaSimulatorMain
 * -Dexec.args="--rate=50 --count=500 --duplicates=0.05"}
 */
public final class DarajaSimulatorMain {

    static final String USAGE = """
            Daraja simulator: POSTs STK result callbacks to {url}/api/daraja/{shortcode}/{token}/stk and reports.
            Arguments (all optional, --key=value):
              --url=http://127.0.0.1:8080/thibitisha   the app's base URL (loopback only)
              --shortcode=174379
              --token=sandbox
              --rate=20                 payments started per second
              --count=100               distinct payments
              --duplicates=0.05         share of payments sent twice (alternately sequential and concurrent)
              --mix=success|mixed       F1 only, or a rotation of success variants and failures
              --timeout-ms=10000        per request
              --help
            """;

    private static final Set<String> KNOWN = Set.of("url", "shortcode", "token", "rate", "count", "duplicates", "mix",
            "timeout-ms", "help");

    private DarajaSimulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        LoadReport report;
        try {
            CommandLine cli = CommandLine.parse(args, KNOWN);
            if (cli.has("help")) {
                System.out.print(USAGE);
                return;
            }
            DarajaLoad.Options options = options(cli);
            System.out.println("Sending to " + options.target() + " ...");
            report = DarajaLoad.run(options);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        System.out.print(report.describe());
    }

    static DarajaLoad.Options options(CommandLine cli) {
        return DarajaLoad.Options.defaults()
                .baseUrl(cli.get("url", "http://127.0.0.1:8080/thibitisha"))
                .shortcode(cli.get("shortcode", "174379"))
                .token(cli.get("token", "sandbox"))
                .ratePerSecond(cli.getDouble("rate", 20))
                .count(cli.getInt("count", 100))
                .duplicateShare(cli.getDouble("duplicates", 0.05))
                .mix(DarajaLoad.Mix.valueOf(cli.get("mix", "success").toUpperCase(Locale.ROOT)))
                .requestTimeout(Duration.ofMillis(cli.getLong("timeout-ms", 10_000)));
    }
}
