package ke.thibitisha.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Benchmarks and resilience drills against the built server ({@code target/server}) run as a real process, with
 * the Sautikit simulator in a JVM of its own. Writes {@code target/bench/report.md} (plus charts) and prints the
 * figures. Exit status 1 when a check failed or a scenario could not run.
 */
public final class Bench {

    static final String USAGE = """
            Usage: ./mvnw -q test-compile exec:java -Dexec.mainClass=ke.thibitisha.bench.Bench \\
                     -Dexec.args="<scenario> [--options]"
            Scenarios:
              intake     STK callbacks at rising rates (5 % duplicates) until errors or p99 > 100 ms; DB check
              footprint  process start to the first answered callback (empty data directory), then resident
                         memory after --count callbacks (100,000) posted by wrk with ../shared/peers/bench/stk.lua
              latency    callback answer -> POST /v1/calls at Sautikit, with free call slots
              surge      N payments at once, calls of L ms: drain time vs N/cap x L, peak in flight, chart
              crash      a surge with kill -9 of the server at random moments and restarts on the same data
              outage     a surge with Sautikit answering 503, then timing out, in the middle
              cluster    two nodes of the cluster profile on PostgreSQL, payments posted to both, the dialling
                         node killed (kill -9) and started again twice, then stopped once with SIGTERM: cap,
                         calls per payment, takeover and drain times (not part of "all")
              rolling    the same pair behind HAProxy, Daraja callbacks at 50/s through it while each node is
                         restarted in turn (SIGTERM, start): every callback answered 200 and stored once
                         (not part of "all")
              dbdown     one server on a private PostgreSQL (initdb, pg_ctl, port 5544+N), Daraja callbacks at
                         100/s for 60 s while the database is stopped for 20 s (--outage-seconds): every callback
                         answered 200 stored once and dialled once (not part of "all")
              verify     payments of a verified paybill, 5 % forged, Daraja answering in 300 ms with spike arrest
                         above 20 queries/s: forged never dialled, genuine all, callback -> dial, drain
              all        every scenario (intake and footprint on a server each; the others share a third one)
            Options (--key=value):
              --server-dir=target/server  --port-offset=0 (HTTP 8080+N, management 9990+N)  --sim-port=18189
              --smoke          tiny sizes (seconds per scenario)       --keep-data   do not wipe standalone/data
              --cap=8          DIALER_MAX_CONCURRENT_CALLS             --profile     JFR profile of the intake ramp
              --count=N        payments (latency 1000, surge/crash/outage/verify/cluster 2000)
              --rate=R         latency: payments per second (20); verify (10); rolling: callbacks per second (50);
                               dbdown (100)
              --rates=a,b,...  intake: rates per second (200,500,1000,2000,3000,4000,6000,8000)
              --step-seconds=S intake: length of a step (10)
              --call-ms=L      surge/outage: call length (1000); crash and cluster too (cluster smoke 2000)
              --warm-up=W      surge: payments drained first in calls of at most 400 ms, figures not kept (2400; smoke 0)
              --kills=K        crash: kill -9 count (3; smoke 1); cluster (2; smoke 1)   --seed=S  crash: random moments
              --outage-seconds=S  outage: length (60; smoke 4), half 503s, half late answers; dbdown: database
                               stopped (20; smoke 6)
              --server-args="-Dk=v ..."  extra standalone.sh arguments, e.g. to try a setting
              --schema=S       cluster, rolling: PostgreSQL schema in 127.0.0.1:5432/test (thibitisha_bench_cluster,
                               thibitisha_bench_rolling); the nodes use port offsets N+100 and N+200, HAProxy 8080+N+50
            """;

    private static final Map<String, Supplier<Scenario>> SCENARIOS = scenarios();
    /** The cluster drills run two servers of their own instead of one rig. */
    private static final Map<String, Drill> DRILLS = Map.of("cluster", ClusterDrill::run, "rolling", RollingDrill::run,
            "dbdown", DbDownDrill::run);

    private interface Drill {
        List<Section> run(BenchOptions options, Path outDir, Path logDir);
    }

    private Bench() {
    }

    public static void main(String[] args) {
        if (args.length == 0 || !SCENARIOS.containsKey(args[0]) && !args[0].equals("all")
                && !DRILLS.containsKey(args[0])) {
            System.out.print(USAGE);
            if (args.length > 0 && !args[0].equals("--help")) {
                System.exit(2);
            }
            return;
        }
        BenchOptions options = BenchOptions.parse(args[0], Arrays.copyOfRange(args, 1, args.length));
        if (options.help()) {
            System.out.print(USAGE);
            return;
        }
        // -Dbench.dir: a second run at the same time (another port offset) writes its report and logs elsewhere
        Path outDir = Path.of(System.getProperty("bench.dir", "target/bench")).toAbsolutePath();
        Path logDir = outDir.resolve("logs");
        clean(logDir);
        Report report = new Report(outDir);
        long begin = System.nanoTime();
        List<String> failures = new ArrayList<>();
        if (DRILLS.containsKey(args[0])) {
            failures.addAll(runDrill(args[0], options, report, outDir, logDir));
        } else {
            for (List<String> group : groups(args[0])) {
                failures.addAll(runGroup(group, options, report, outDir, logDir));
            }
        }
        System.out.printf("%nBench %s took %.0f s; report %s; logs %s%n", options.commandLine(),
                (System.nanoTime() - begin) / 1e9, report.file(), logDir);
        if (!failures.isEmpty()) {
            System.out.println("FAILED:");
            failures.forEach(f -> System.out.println("  " + f));
            System.exit(1);
        }
    }

    /**
     * Scenarios that run on one server. Intake leaves its dial queue paused and full, so it gets a server of its
     * own; the others leave every payment settled and can share one.
     */
    private static List<List<String>> groups(String scenario) {
        return scenario.equals("all")
                ? List.of(List.of("intake"), List.of("footprint"), List.of("latency", "surge", "outage", "crash"),
                        List.of("verify"))
                : List.of(List.of(scenario));
    }

    /** Runs the group on a fresh rig; a scenario that throws ends its group and is reported as a failure. */
    private static List<String> runGroup(List<String> group, BenchOptions options, Report report, Path outDir,
                                         Path logDir) {
        List<String> failures = new ArrayList<>();
        String current = group.get(0);
        // only the verify scenario's server confirms payments with Daraja
        Map<String, String> env = group.contains("verify") ? VerifyScenario.serverEnv(options) : Map.of();
        try (Rig rig = Rig.start(options, logDir, env)) {
            for (String name : group) {
                current = name;
                int errorsBefore = rig.server().errorLines().size();
                for (Section section : SCENARIOS.get(name).get().run(rig, outDir)) {
                    List<String> errors = rig.server().errorLines();
                    errors = errors.subList(Math.min(errorsBefore, errors.size()), errors.size());
                    if (!errors.isEmpty() && section.name().equals(name)) {
                        section.note("The server logged " + errors.size() + " ERROR line(s) meanwhile, first: `"
                                + errors.get(0).strip() + "`");
                    }
                    report.put(section);
                    failures.addAll(section.failures());
                }
            }
        } catch (RuntimeException e) {
            e.printStackTrace();
            Section section = new Section(current, current + ": did not finish")
                    .check("the scenario ran to the end", false, String.valueOf(e));
            report.put(section);
            failures.addAll(section.failures());
        }
        return failures;
    }

    private static List<String> runDrill(String name, BenchOptions options, Report report, Path outDir, Path logDir) {
        Section section;
        try {
            section = DRILLS.get(name).run(options, outDir, logDir).get(0);
        } catch (RuntimeException e) {
            e.printStackTrace();
            section = new Section(name, name + ": did not finish")
                    .check("the scenario ran to the end", false, String.valueOf(e));
        }
        report.put(section);
        return section.failures();
    }

    private static Map<String, Supplier<Scenario>> scenarios() {
        Map<String, Supplier<Scenario>> map = new LinkedHashMap<>();
        map.put("intake", IntakeScenario::new);
        map.put("footprint", FootprintScenario::new);
        map.put("latency", LatencyScenario::new);
        map.put("surge", SurgeScenario::new);
        map.put("crash", CrashScenario::new);
        map.put("outage", OutageScenario::new);
        map.put("verify", VerifyScenario::new);
        return map;
    }

    private static void clean(Path logDir) {
        try {
            Files.createDirectories(logDir);
            try (Stream<Path> old = Files.list(logDir)) {
                for (Path file : old.toList()) {
                    Files.delete(file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + logDir, e);
        }
    }
}
