package ke.thibitisha.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The seed design's Node + Express + Redis peer ({@code ../shared/peers/seed-node}), copied to a work directory of
 * its own ({@code SEED_NODE_WORKDIR}, default {@code target/seed-node}; {@code npm ci} runs there when its
 * node_modules is missing, which needs the registry), started with its {@code start.sh} (its own Redis without
 * persistence, on its own port) and stopped with its {@code stop.sh}, which stop only the PIDs they started. Its
 * calls go to the bench's Sautikit simulator.
 */
final class SeedPeer implements AutoCloseable {

    static final Path HOME = Wrk.PEERS.resolve("seed-node");
    static final String STK_PATH = "/mpesa/callback";

    private static final List<String> FILES = List.of("package.json", "package-lock.json", "server.js", "start.sh", "stop.sh");

    private final int port;
    private final Path dir;

    private SeedPeer(int port, Path dir) {
        this.port = port;
        this.dir = dir;
    }

    static boolean available() {
        return Files.isExecutable(HOME.resolve("start.sh")) && Files.isReadable(Wrk.SCRIPT);
    }

    static SeedPeer start(int port, int redisPort, String sautikitBaseUrl) {
        Path dir = Path.of(Optional.ofNullable(System.getenv("SEED_NODE_WORKDIR")).orElse("target/seed-node"));
        try {
            Files.createDirectories(dir);
            for (String file : FILES) {
                Files.copy(HOME.resolve(file), dir.resolve(file), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.COPY_ATTRIBUTES);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the seed peer to " + dir, e);
        }
        Commands.run(List.of("env", "SAUTIKIT_BASE_URL=" + sautikitBaseUrl, "SAUTIKIT_API_KEY=test-key",
                "SAUTIKIT_FROM_NUMBER=+254700000000", dir.resolve("start.sh").toString(), Integer.toString(port),
                Integer.toString(redisPort)), Duration.ofMinutes(3));
        return new SeedPeer(port, dir);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        Commands.run(List.of(dir.resolve("stop.sh").toString()), Duration.ofSeconds(30));
    }
}
