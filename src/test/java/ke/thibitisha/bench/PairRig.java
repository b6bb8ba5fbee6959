package ke.thibitisha.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Two (or more) nodes of the cluster profile on this machine, as contract §8 starts them: {@code standalone.sh -c
 * standalone-full-ha.xml -Djboss.node.name=NAME}, a port offset (N+100, N+200, …) and a base directory each (a copy
 * of the built server's configuration and deployment), one PostgreSQL schema, and HAProxy in front of them
 * (port 8080+N+50) whose URL is every node's {@code APP_URL}. Used by the {@code cluster} and {@code rolling} drills.
 */
final class PairRig implements AutoCloseable {

    private static final String DB = "jdbc:postgresql://127.0.0.1:5432/test";

    record Node(String name, ServerProcess server, AppClient app) {
    }

    private final BenchOptions options;
    private final Path dir;
    private final Path logDir;
    private final String schema;
    private final List<Node> nodes = new ArrayList<>();
    private final LoadBalancer balancer;

    /** Drops and creates the schema and starts the balancer for {@code size} nodes; nodes start with {@link #add}. */
    PairRig(BenchOptions options, Path dir, Path logDir, String defaultSchema, int size) {
        this.options = options;
        this.dir = dir;
        this.logDir = logDir;
        this.schema = options.schema(defaultSchema);
        Commands.run(List.of("psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "test", "-v", "ON_ERROR_STOP=1", "-q",
                "-c", "DROP SCHEMA IF EXISTS " + schema + " CASCADE; CREATE SCHEMA " + schema), Duration.ofMinutes(1));
        List<LoadBalancer.Backend> backends = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            backends.add(new LoadBalancer.Backend(name(i), 8080 + offset(i), 9990 + offset(i)));
        }
        this.balancer = LoadBalancer.start(8080 + options.portOffset() + 50, backends, dir, logDir);
    }

    String schema() {
        return schema;
    }

    /** The application through the balancer: the public URL. */
    AppClient app() {
        return balancer.app();
    }

    LoadBalancer balancer() {
        return balancer;
    }

    List<Node> nodes() {
        return nodes;
    }

    static String name(int index) {
        return String.valueOf((char) ('a' + index));
    }

    int offset(int index) {
        return options.portOffset() + 100 * (index + 1);
    }

    /** Prepares the next node (not started) with the bench's server settings plus {@code env}. */
    Node add(Map<String, String> env) {
        int index = nodes.size();
        String name = name(index);
        Path home = options.serverDir();
        Map<String, String> all = new LinkedHashMap<>(env);
        all.put("APP_URL", app().baseUrl());
        all.put("DB_URL", DB + "?currentSchema=" + schema);
        all.put("DB_USER", "postgres");
        all.put("DB_PASSWORD", "unused");
        Path base = dir.resolve(name);
        List<String> args = new ArrayList<>(List.of("-c", "standalone-full-ha.xml", "-Djboss.node.name=" + name,
                "-Djboss.server.base.dir=" + base));
        args.addAll(options.serverArgs());
        ServerProcess server = new ServerProcess(home, offset(index), all, args, logDir);
        if (index == 0) {
            server.addUser(AppClient.OPS_USER, AppClient.OPS_PASSWORD, "ops");
        }
        copyBase(home.resolve("standalone"), base);
        Node node = new Node(name, server, new AppClient(8080 + offset(index)));
        nodes.add(node);
        return node;
    }

    /** The data directory of a node (its Artemis journal, transaction log). */
    Path dataDir(Node node) {
        return dir.resolve(node.name()).resolve("data");
    }

    AppClient liveApp() {
        return nodes.stream().filter(n -> n.server().running()).findFirst()
                .orElseThrow(() -> new IllegalStateException("no node running")).app();
    }

    String describe() {
        return "nodes " + String.join(", ", nodes.stream().map(Node::name).toList())
                + ": `standalone.sh -c standalone-full-ha.xml -Djboss.node.name=NAME -Djboss.server.base.dir=DIR "
                + "-Djboss.socket.binding.port-offset=N`, offsets " + String.join(", ", nodes.stream()
                .map(n -> Integer.toString(offset(nodes.indexOf(n)))).toList()) + ", PostgreSQL schema " + schema
                + "; APP_URL (and the simulators' target): HAProxy on port " + (8080 + options.portOffset() + 50)
                + " in front of all, health-checking /health/ready every second";
    }

    static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> old = Files.walk(dir)) {
            for (Path file : old.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }

    private static void copyBase(Path standalone, Path base) {
        delete(base);
        try {
            for (String sub : List.of("configuration", "deployments")) {
                Path from = standalone.resolve(sub);
                try (Stream<Path> files = Files.walk(from)) {
                    for (Path file : files.filter(f -> !f.toString().contains("standalone_xml_history")).toList()) {
                        Path to = base.resolve(sub).resolve(from.relativize(file).toString());
                        if (Files.isDirectory(file)) {
                            Files.createDirectories(to);
                        } else {
                            Files.copy(file, to);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + base, e);
        }
    }

    @Override
    public void close() {
        nodes.forEach(n -> n.server().stop());
        balancer.stop();
    }
}
