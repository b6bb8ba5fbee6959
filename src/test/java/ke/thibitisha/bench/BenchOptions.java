package ke.thibitisha.bench;

import ke.thibitisha.sim.CommandLine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The {@code --key=value} options of {@link Bench}. Scenario sizes have two defaults, a full one and a
 * {@code --smoke} one; an explicit option wins over both.
 */
final class BenchOptions {

    static final Set<String> KNOWN = Set.of("server-dir", "port-offset", "sim-port", "smoke", "keep-data", "cap",
            "count", "rate", "rates", "step-seconds", "call-ms", "kills", "seed", "outage-seconds", "profile", "server-args", "help",
            "schema", "warm-up");

    private final CommandLine cli;
    private final String commandLine;
    private final List<String> addedServerArgs;

    private BenchOptions(CommandLine cli, String commandLine, List<String> addedServerArgs) {
        this.cli = cli;
        this.commandLine = commandLine;
        this.addedServerArgs = addedServerArgs;
    }

    static BenchOptions parse(String scenario, String[] options) {
        return new BenchOptions(CommandLine.parse(options, KNOWN), (scenario + " " + String.join(" ", options)).trim(), List.of());
    }

    /** The same options, the server also started with these arguments (a drill that brings its own database). */
    BenchOptions withServerArgs(List<String> args) {
        List<String> added = new ArrayList<>(addedServerArgs);
        added.addAll(args);
        return new BenchOptions(cli, commandLine, List.copyOf(added));
    }

    /** The scenario and options as typed, for the report. */
    String commandLine() {
        return commandLine;
    }

    boolean help() {
        return cli.has("help");
    }

    Path serverDir() {
        return Path.of(cli.get("server-dir", "target/server")).toAbsolutePath().normalize();
    }

    int portOffset() {
        return cli.getInt("port-offset", 0);
    }

    int simPort() {
        return cli.getInt("sim-port", 18189);
    }

    boolean smoke() {
        return cli.has("smoke") && !cli.get("smoke", "true").equals("false");
    }

    /** Keep standalone/data from an earlier run instead of wiping it before the server starts. */
    boolean keepData() {
        return cli.has("keep-data") && !cli.get("keep-data", "true").equals("false");
    }

    /** Record a JFR profile of the server during the intake ramp. */
    boolean profile() {
        return cli.has("profile") && !cli.get("profile", "true").equals("false");
    }

    /** Extra arguments for standalone.sh, e.g. {@code --server-args="-Ddb.url=jdbc:h2:…"} to try a setting. */
    List<String> serverArgs() {
        String args = cli.get("server-args", "").trim();
        List<String> all = new ArrayList<>(args.isEmpty() ? List.of() : List.of(args.split("\\s+")));
        all.addAll(addedServerArgs);
        return all;
    }

    /** DIALER_MAX_CONCURRENT_CALLS given to the server, and the figure cap breaches are measured against. */
    int cap() {
        return cli.getInt("cap", 8);
    }

    int count(int full, int smoke) {
        return cli.getInt("count", smoke() ? smoke : full);
    }

    /** surge: payments drained before the measured surge, so that the JIT has compiled the call path. */
    int warmUp(int full) {
        return cli.getInt("warm-up", smoke() ? 0 : full);
    }

    double rate(double full, double smoke) {
        return cli.getDouble("rate", smoke() ? smoke : full);
    }

    long callMs(long full, long smoke) {
        return cli.getLong("call-ms", smoke() ? smoke : full);
    }

    int kills(int full, int smoke) {
        return cli.getInt("kills", smoke() ? smoke : full);
    }

    long seed() {
        return cli.getLong("seed", System.nanoTime());
    }

    int outageSeconds(int full, int smoke) {
        return cli.getInt("outage-seconds", smoke() ? smoke : full);
    }

    double stepSeconds(double full, double smoke) {
        return cli.getDouble("step-seconds", smoke() ? smoke : full);
    }

    /** Intake rates per second, e.g. {@code --rates=200,500,1000}. */
    List<Double> rates(String full, String smoke) {
        return Arrays.stream(cli.get("rates", smoke() ? smoke : full).split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).map(Double::parseDouble).toList();
    }

    /** cluster: the PostgreSQL schema (of database test on 127.0.0.1:5432) the nodes share; dropped and made anew. */
    String schema(String fallback) {
        return cli.get("schema", fallback);
    }
}
