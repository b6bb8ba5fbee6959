package ke.thibitisha.paybill;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import ke.thibitisha.platform.Settings;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * The paybills (shortcodes) this installation serves, each with its own secret token and call settings. Read from
 * MicroProfile Config at most every {@value #REFRESH_SECONDS} s, like the secrets directory, instead of a handful
 * of look-ups for every callback: a changed token or paybill setting takes effect within those seconds.
 */
@ApplicationScoped
public class Paybills {

    private static final Logger LOG = Logger.getLogger(Paybills.class.getName());
    private static final String SANDBOX_SHORTCODE = "174379";

    @Inject
    Settings settings;

    static final int REFRESH_SECONDS = 5;

    private final AtomicBoolean sandboxTokenWarned = new AtomicBoolean();
    private volatile Snapshot snapshot;

    /** The configured paybills and their tokens as read at one moment. */
    private record Snapshot(Map<String, Paybill> paybills, Map<String, String> tokens, long readAt) {
        boolean stale(long now) {
            return now - readAt > TimeUnit.SECONDS.toNanos(REFRESH_SECONDS);
        }
    }

    /** A configured paybill's settings. */
    public record Paybill(String shortcode, Language language, Optional<String> message,
                          Optional<String> agentNumber, List<String> allowedSources, boolean useLaki) {
    }

    /** The paybill, only when the shortcode is configured and the token matches (compared in constant time). */
    public Optional<Paybill> authenticate(String shortcode, String token) {
        Snapshot now = current();
        String expected = now.tokens().get(shortcode);
        if (expected == null || token == null || !MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8))) {
            return Optional.empty();
        }
        return Optional.ofNullable(now.paybills().get(shortcode));
    }

    public Optional<Paybill> find(String shortcode) {
        return Optional.ofNullable(current().paybills().get(shortcode));
    }

    private Snapshot current() {
        Snapshot now = snapshot;
        long time = System.nanoTime();
        if (now == null || now.stale(time)) {
            now = read(time);
            snapshot = now;
        }
        return now;
    }

    private Snapshot read(long time) {
        Map<String, Paybill> paybills = new HashMap<>();
        Map<String, String> tokens = new HashMap<>();
        for (String shortcode : settings.paybillCodes()) {
            String prefix = "paybill." + shortcode + ".";
            paybills.put(shortcode, new Paybill(shortcode,
                    language(shortcode, settings.string(prefix + "language")),
                    settings.string(prefix + "message"),
                    settings.string(prefix + "agent.number"),
                    settings.list(prefix + "allowed.ips"),
                    settings.string(prefix + "laki").map(Boolean::parseBoolean).orElse(false)));
            token(shortcode).ifPresent(token -> tokens.put(shortcode, token));
        }
        return new Snapshot(Map.copyOf(paybills), Map.copyOf(tokens), time);
    }

    /** Configured paybills that have no usable token, so that every request for them answers 404. */
    public List<String> withoutToken() {
        return settings.paybillCodes().stream().filter(code -> token(code).isEmpty()).toList();
    }

    /** The environment variable that sets a paybill's token. */
    public static String tokenKey(String shortcode) {
        return "PAYBILL_" + shortcode + "_TOKEN";
    }

    /** A misconfigured language must not cost a payment its call: English, and a WARN that says what to fix. */
    private static Language language(String shortcode, Optional<String> configured) {
        try {
            return configured.map(Language::fromCode).orElse(Language.EN);
        } catch (IllegalArgumentException e) {
            LOG.warning(() -> "PAYBILL_" + shortcode + "_LANGUAGE: " + e.getMessage() + "; calling in English");
            return Language.EN;
        }
    }

    /**
     * Contract rule 12: the public {@code sandbox} token is for trying the product out, so it works only while
     * dialling is not configured. With a Sautikit key, a forged callback on a public URL could ring any phone.
     */
    private Optional<String> token(String shortcode) {
        Optional<String> configured = settings.string("paybill." + shortcode + ".token");
        if (configured.isEmpty() && SANDBOX_SHORTCODE.equals(shortcode) && settings.sautikitApiKey().isEmpty()) {
            if (sandboxTokenWarned.compareAndSet(false, true)) {
                LOG.warning("paybill 174379 uses the default token 'sandbox': set PAYBILL_174379_TOKEN before going live");
            }
            return Optional.of("sandbox");
        }
        return configured;
    }
}
