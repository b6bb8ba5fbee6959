package ke.thibitisha.verification;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
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

    @PersistenceContext
    EntityManager em;
    @Inject
    DarajaSettings settings;
    @Inject
    VerificationMetrics metrics;

    public JsonObject of(Instant from, Instant to) {
        long verifying = em.createQuery("select count(p) from Payment p where p.status = :verifying", Long.class)
                .setParameter("verifying", PaymentStatus.VERIFYING).getSingleResult();
        List<Object[]> decisions = em.createQuery("select t.toStatus, t.at, p.createdAt from PaymentTransition t, Payment p"
                        + " where p.id = t.paymentId and t.fromStatus = :verifying and t.at >= :from and t.at < :to"
                        + " and (t.toStatus = :unverified or t.cause like 'confirmed by Daraja%') order by t.id desc",
                        Object[].class)
                .setParameter("verifying", PaymentStatus.VERIFYING).setParameter("unverified", PaymentStatus.UNVERIFIED)
                .setParameter("from", from).setParameter("to", to).setMaxResults(LATENCY_SAMPLE).getResultList();
        long verified = decisions.stream().filter(d -> d[0] == PaymentStatus.QUEUED).count();
        long[] millis = decisions.stream()
                .mapToLong(d -> Duration.between((Instant) d[2], (Instant) d[1]).toMillis()).sorted().toArray();
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
