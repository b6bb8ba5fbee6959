package ke.thibitisha.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Thibitisha's configuration, read through MicroProfile Config on every use so that a changed system
 * property takes effect without a redeploy. Keys are the dotted forms of the contract's environment
 * variables ({@code sautikit.base.url} = {@code SAUTIKIT_BASE_URL}).
 */
@ApplicationScoped
public class Settings {

    @Inject
    Config config;

    public String sautikitBaseUrl() {
        return string("sautikit.base.url").orElse("https://api.sautikit.com");
    }

    public Optional<String> sautikitApiKey() {
        return string("sautikit.api.key");
    }

    public Optional<String> sautikitFromNumber() {
        return string("sautikit.from.number");
    }

    /** One secret, or two separated by a comma while a secret is being rotated. */
    public List<String> webhookSecrets() {
        return list("sautikit.webhook.secret");
    }

    public boolean legacySignatures() {
        return string("sautikit.signature.legacy").map(Boolean::parseBoolean).orElse(false);
    }

    public Duration signatureTolerance() {
        return duration("sautikit.signature.tolerance", Duration.ofSeconds(300));
    }

    public Duration sautikitConnectTimeout() {
        return duration("sautikit.connect.timeout", Duration.ofSeconds(3));
    }

    public Duration sautikitReadTimeout() {
        return duration("sautikit.read.timeout", Duration.ofSeconds(10));
    }

    public String appUrl() {
        String url = string("app.url").orElse("http://localhost:8080/thibitisha");
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    public int maxAttempts() {
        return integer("dialer.max.attempts", 3);
    }

    public Duration retryDelay() {
        return duration("dialer.retry.delay", Duration.ofSeconds(30));
    }

    public Duration callHoldTimeout() {
        return duration("dialer.call.hold.timeout", Duration.ofMinutes(3));
    }

    /** First wait before asking Sautikit for a call's status when no event has come; doubles up to 15 s. */
    public Duration statusPollInterval() {
        return duration("dialer.status.poll.interval", Duration.ofSeconds(5));
    }

    /** How long dialling stays paused (empty wallet, no API key, Sautikit unreachable) before the next try. */
    public Duration pauseInterval() {
        return duration("dialer.pause.interval", Duration.ofSeconds(30));
    }

    /** The cap on calls in flight; also the dialer MDB's maxSession and pool (jboss-ejb3.xml, read at deploy time). */
    public int maxConcurrentCalls() {
        return integer("dialer.max.concurrent.calls", 8);
    }

    /** A payment waiting this long past its dial order's due time has lost the order: the sweep gives it a new one. */
    public Duration sweepAge() {
        return duration("dialer.sweep.age", Duration.ofMinutes(15));
    }

    /** How often the dialling node sweeps for payments without a dial order. */
    public Duration sweepInterval() {
        return duration("dialer.sweep.interval", Duration.ofMinutes(1));
    }

    /** Optional URL that receives a JSON summary when a payment ends UNREACHED (e.g. for an SMS fallback). */
    public Optional<String> unreachedHookUrl() {
        return string("dialer.unreached.hook.url");
    }

    /** Contract §2 rule 13: payments dialled per phone number in a rolling 24 h; 0 means no limit. */
    public int maxCallsPerNumber() {
        return integer("dialer.max.calls.per.number", 5);
    }

    /** Signs what the unreached hook sends ({@code X-Thibitisha-Signature}), like Sautikit signs its events. */
    public Optional<String> hookSecret() {
        return string("thibitisha.hook.secret");
    }

    /** Data minimisation age ({@code RETENTION_DAYS}). */
    public int retentionDays() {
        return integer("retention.days", 90);
    }

    public Set<String> allowedRegions() {
        List<String> regions = list("thibitisha.allowed.regions");
        return regions.isEmpty() ? Set.of("KE") : new LinkedHashSet<>(regions);
    }

    /** The most callbacks the intake writer stores in one transaction (issue 14). */
    public int intakeGroupMax() {
        return integer("thibitisha.intake.group.max", 256);
    }

    /** Callbacks waiting for the intake writer, at most: beyond it a request waits for room (back-pressure). */
    public int intakeQueueCapacity() {
        return integer("thibitisha.intake.queue.capacity", 2048);
    }

    /** How long a request waits for room in the intake queue before its callback is spooled instead. */
    public int intakeQueueWaitMillis() {
        return integer("thibitisha.intake.queue.wait.ms", 5000);
    }

    /** Proxies whose {@code X-Forwarded-For} we believe. */
    public List<String> trustedProxies() {
        return list("thibitisha.trusted.proxies");
    }

    public List<String> paybillCodes() {
        List<String> codes = list("thibitisha.paybills");
        return codes.isEmpty() ? List.of("174379") : codes;
    }

    public Optional<String> string(String key) {
        return config.getOptionalValue(key, String.class).map(String::trim).filter(s -> !s.isEmpty());
    }

    public List<String> list(String key) {
        return string(key).map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList())
                .orElse(List.of());
    }

    private int integer(String key, int fallback) {
        return string(key).map(Integer::parseInt).orElse(fallback);
    }

    /** ISO-8601 ({@code PT30S}) or a plain number of seconds. */
    private Duration duration(String key, Duration fallback) {
        return string(key).map(Settings::parseDuration).orElse(fallback);
    }

    public static Duration parseDuration(String value) {
        if (value.matches("\\d+")) {
            return Duration.ofSeconds(Long.parseLong(value));
        }
        if (value.matches("\\d+ms")) {
            return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
        }
        return Duration.parse(value.toUpperCase(java.util.Locale.ROOT));
    }
}
