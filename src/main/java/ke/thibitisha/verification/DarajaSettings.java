package ke.thibitisha.verification;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import ke.thibitisha.platform.Settings;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Verification with Daraja, per paybill and off unless configured: the app's OAuth credentials
 * ({@code DARAJA_CONSUMER_KEY}, {@code DARAJA_CONSUMER_SECRET}) and the paybill's Lipa Na M-Pesa passkey
 * ({@code PAYBILL_<code>_PASSKEY}) must all be set. Read on every use, like {@link Settings}.
 */
@ApplicationScoped
public class DarajaSettings {

    @Inject
    Settings settings;

    /** Whether successful STK payments of this paybill are confirmed with STK Push Query before their call. */
    public boolean verifies(String shortcode) {
        return consumerKey().isPresent() && consumerSecret().isPresent() && passkey(shortcode).isPresent();
    }

    public List<String> verifiedPaybills() {
        return settings.paybillCodes().stream().filter(this::verifies).toList();
    }

    Optional<String> consumerKey() {
        return settings.string("daraja.consumer.key");
    }

    Optional<String> consumerSecret() {
        return settings.string("daraja.consumer.secret");
    }

    Optional<String> passkey(String shortcode) {
        return settings.string("paybill." + shortcode + ".passkey");
    }

    String baseUrl() {
        String url = settings.string("daraja.base.url").orElse("https://api.safaricom.co.ke");
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** How long after the callback a payment Daraja will not confirm either way becomes UNVERIFIED. */
    Duration giveUp() {
        return duration("daraja.verify.give.up", Duration.ofMinutes(30));
    }

    /** Short on purpose: a slow Daraja answer holds a verifier thread, and the next try is only a backoff away. */
    Duration connectTimeout() {
        return duration("daraja.connect.timeout", Duration.ofSeconds(2));
    }

    Duration readTimeout() {
        return duration("daraja.read.timeout", Duration.ofSeconds(5));
    }

    /** Queries per second one paybill may send (this node); Daraja answers spike arrest above its own limit. */
    double queriesPerSecond() {
        return settings.string("daraja.verify.rate").map(Double::parseDouble).filter(r -> r > 0).orElse(10.0);
    }

    /** Queries of one paybill waiting for Daraja at once (this node): the rest of the verifier pool stays free. */
    int paybillConcurrency() {
        return settings.string("daraja.verify.paybill.concurrency").map(Integer::parseInt).filter(n -> n > 0).orElse(5);
    }

    /** First wait before asking again after no answer; doubles (with jitter) up to {@link #maxRetryDelay()}. */
    Duration retryDelay() {
        return duration("daraja.verify.retry.delay", Duration.ofSeconds(5));
    }

    Duration maxRetryDelay() {
        return duration("daraja.verify.retry.max.delay", Duration.ofMinutes(2));
    }

    private Duration duration(String key, Duration fallback) {
        return settings.string(key).map(Settings::parseDuration).orElse(fallback);
    }
}
