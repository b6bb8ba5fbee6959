package ke.thibitisha.verification;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import ke.thibitisha.payments.PaymentRepository;
import ke.thibitisha.payments.PaymentStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static ke.thibitisha.platform.JsonProviders.JSON;

/**
 * The {@code verification} block of {@code GET /api/stats}: for the day, payments verified (Daraja said paid) and
 * unverified, and the time from callback to that decision; now, payments waiting for Daraja; and Daraja's
 * non-answers by code since this node started.
 */
@Stateless
public class VerificationStats {

    /** Latency figures come from the day's latest decisions, at most this many. */
    private static final int LATENCY_SAMPLE = 10_000;

    @Inject
    PaymentRepository payments;
    @Inject
    DarajaSettings settings;
    @Inject
    VerificationMetrics metrics;

    public JsonObject of(Instant from, Instant to) {
        long verifying = payments.countInStatus(PaymentStatus.VERIFYING);
        List<PaymentRepository.VerificationDecision> decisions = payments.verificationDecisionsBetween(from, to, LATENCY_SAMPLE);
        long verified = decisions.stream().filter(d -> d.outcome() == PaymentStatus.QUEUED).count();
        long[] millis = decisions.stream()
                .mapToLong(d -> Duration.between(d.receivedAt(), d.decidedAt()).toMillis()).sorted().toArray();
        JsonObjectBuilder errors = JSON.createObjectBuilder();
        metrics.errorsByCode().forEach(errors::add);
        JsonObjectBuilder block = JSON.createObjectBuilder()
                .add("paybills", JSON.createArrayBuilder(settings.verifiedPaybills()))
                .add("verifying", verifying)
                .add("verified", verified)
                .add("unverified", decisions.size() - verified)
                .add("daraja_errors", errors);
        if (millis.length > 0) {
            block.add("latency_ms", JSON.createObjectBuilder()
                    .add("p50", percentile(millis, 0.50)).add("p99", percentile(millis, 0.99))
                    .add("max", millis[millis.length - 1]));
        }
        return block.build();
    }

    private static long percentile(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }
}
