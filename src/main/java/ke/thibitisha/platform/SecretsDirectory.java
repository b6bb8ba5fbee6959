package ke.thibitisha.platform;

import org.eclipse.microprofile.config.spi.ConfigSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Secrets from files, so that they need not be environment variables or {@code -D} options (visible in process
 * lists): one file per key in {@code THIBITISHA_SECRETS_DIR} (default {@code /run/secrets}, where Docker and
 * Kubernetes mount secrets), the file name the key in either form ({@code PAYBILL_174379_TOKEN} or
 * {@code paybill.174379.token}), the content the value (a trailing newline is dropped). Hidden files, such as
 * Kubernetes' {@code ..data}, are skipped. No directory, no values. Environment variables and system properties
 * win over a file; a changed file is read again within five seconds.
 */
public class SecretsDirectory implements ConfigSource {

    private static final Logger LOG = Logger.getLogger(SecretsDirectory.class.getName());
    private static final long REFRESH_NANOS = 5_000_000_000L;
    private static final Pattern NOT_ENV = Pattern.compile("[^A-Za-z0-9_]");

    private final Path dir;
    private volatile Map<String, String> values = Map.of();
    private volatile long loadedAt;
    private volatile boolean loaded;

    public SecretsDirectory() {
        this(Path.of(configuredDir()));
    }

    SecretsDirectory(Path dir) {
        this.dir = dir;
    }

    private static String configuredDir() {
        String property = System.getProperty("thibitisha.secrets.dir");
        String env = System.getenv("THIBITISHA_SECRETS_DIR");
        return property != null && !property.isBlank() ? property.trim()
                : env != null && !env.isBlank() ? env.trim() : "/run/secrets";
    }

    @Override
    public String getName() {
        return "thibitisha-secrets-dir:" + dir;
    }

    @Override
    public int getOrdinal() {
        return 295; // below environment variables (300) and system properties (400)
    }

    @Override
    public Set<String> getPropertyNames() {
        return current().keySet();
    }

    @Override
    public String getValue(String name) {
        Map<String, String> now = current();
        if (now.isEmpty()) {
            return null; // no secrets directory, the usual case outside containers: asked on every config look-up
        }
        String value = now.get(name);
        return value != null ? value : now.get(envForm(name));
    }

    /** {@code paybill.174379.token} → {@code PAYBILL_174379_TOKEN}, the MicroProfile Config environment mapping. */
    static String envForm(String name) {
        return NOT_ENV.matcher(name).replaceAll("_").toUpperCase(Locale.ROOT);
    }

    private Map<String, String> current() {
        long now = System.nanoTime();
        if (!loaded || now - loadedAt > REFRESH_NANOS) {
            values = read();
            loadedAt = now;
            loaded = true;
        }
        return values;
    }

    private Map<String, String> read() {
        if (!Files.isDirectory(dir)) {
            return Map.of();
        }
        Map<String, String> read = new HashMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (name.startsWith(".") || !Files.isRegularFile(file) || !Files.isReadable(file)) {
                    continue;
                }
                read.put(name, stripNewline(Files.readString(file, StandardCharsets.UTF_8)));
            }
        } catch (IOException | UncheckedIOException e) {
            LOG.warning(() -> "secrets directory " + dir + " could not be read: " + e.getClass().getSimpleName());
            return values;
        }
        return Map.copyOf(read);
    }

    private static String stripNewline(String value) {
        return value.endsWith("\r\n") ? value.substring(0, value.length() - 2)
                : value.endsWith("\n") ? value.substring(0, value.length() - 1) : value;
    }
}
