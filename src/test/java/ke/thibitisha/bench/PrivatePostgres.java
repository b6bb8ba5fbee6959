package ke.thibitisha.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A PostgreSQL of the drill's own ({@code initdb} and {@code pg_ctl}, its own port, data directory and socket
 * directory), so that a drill may stop and start it without touching the machine's database. Default settings:
 * {@code fsync} and {@code synchronous_commit} on. Run as the {@code postgres} user when the bench runs as root
 * (PostgreSQL refuses root).
 */
final class PrivatePostgres implements AutoCloseable {

    private static final Duration COMMAND_LIMIT = Duration.ofMinutes(2);

    private final Path bin;
    private final Path home;
    private final int port;
    private boolean running;

    private PrivatePostgres(Path bin, Path home, int port) {
        this.bin = bin;
        this.home = home;
        this.port = port;
    }

    /** A new cluster in a fresh temporary directory, started. */
    static PrivatePostgres start(int port) {
        try {
            Path home = Files.createTempDirectory("thibitisha-pg-" + port + "-");
            Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
            if (asRoot()) {
                UserPrincipal postgres = home.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
                Files.setOwner(home, postgres);
            }
            PrivatePostgres pg = new PrivatePostgres(binaries(), home, port);
            pg.run(List.of(pg.bin.resolve("initdb").toString(), "-D", pg.data().toString(), "-A", "trust", "-U", "postgres",
                    "--no-sync", "-E", "UTF8"));
            pg.startAgain();
            return pg;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a private PostgreSQL", e);
        }
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    String describe() {
        return "private PostgreSQL (" + bin.getParent().getFileName() + ", fsync on) on port " + port + ", data in " + data();
    }

    /** {@code pg_ctl stop -m fast}: connections are cut, as in a fail-over or a crash of the database host. */
    void stop() {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data().toString(), "-m", "fast", "-w", "stop"));
        running = false;
    }

    void startAgain() {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data().toString(), "-l", home.resolve("postgresql.log").toString(),
                "-o", "-p " + port + " -k " + home + " -c listen_addresses=127.0.0.1", "-w", "start"));
        running = true;
    }

    @Override
    public void close() {
        try {
            if (running) {
                stop();
            }
        } finally {
            try (Stream<Path> files = Files.walk(home)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                System.err.println("could not delete " + home + ": " + e);
            }
        }
    }

    private Path data() {
        return home.resolve("data");
    }

    private void run(List<String> command) {
        List<String> full = new ArrayList<>();
        if (asRoot()) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        Commands.run(full, COMMAND_LIMIT);
    }

    private static boolean asRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** The newest installed PostgreSQL's programs ({@code /usr/lib/postgresql/<version>/bin}, Debian's layout). */
    private static Path binaries() throws IOException {
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparing(b -> Integer.parseInt(b.getParent().getFileName().toString())))
                    .orElseThrow(() -> new IllegalStateException("no PostgreSQL under /usr/lib/postgresql"));
        }
    }
}
