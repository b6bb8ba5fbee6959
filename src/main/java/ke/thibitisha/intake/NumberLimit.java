package ke.thibitisha.intake;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import ke.thibitisha.payments.PaymentStatus;
import ke.thibitisha.platform.Settings;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Contract §2 rule 13: at most {@code DIALER_MAX_CALLS_PER_NUMBER} payments dialled for one phone number in any
 * rolling 24 h. Daraja signs nothing, so a forged callback can name any phone; without this limit a script could
 * ring one person all night from the bank's caller ID.
 * <p>
 * Decided in the intake transaction, not in the dialer: the payment's outcome is then settled when Daraja gets its
 * answer, a throttled payment never takes a call slot or a dial message, an operator's redial (which does not pass
 * intake) stays possible as a deliberate override, and the count is a plain database fact shared by every node.
 * Callbacks for one number take turns on a row lock ({@link NumberLimitStripe}), so a thousand at once still ring it
 * only up to the limit; callbacks for different numbers rarely share a stripe, and then wait only milliseconds.
 */
@ApplicationScoped
public class NumberLimit {

    static final Duration WINDOW = Duration.ofHours(24);
    /** Outcomes of payments that were never dialled and never will be without an operator: they do not count. */
    private static final Set<String> NEVER_DIALLED = Set.of("RECEIVED", "REJECTED", "UNDIALABLE", "THROTTLED", "UNVERIFIED");

    @PersistenceContext
    EntityManager em;
    @Inject
    Settings settings;

    /**
     * Whether the number already had the limit of payments dialled (or on their way to it) in the last 24 h.
     * Call inside the intake transaction: the row lock is held until it commits.
     */
    public boolean reached(String e164) {
        int limit = settings.maxCallsPerNumber();
        if (limit <= 0) {
            return false;
        }
        Instant now = Instant.now();
        lock(e164);
        long counted = em.createQuery("select count(p) from Payment p where p.phoneE164 = :phone"
                        + " and p.createdAt > :since and p.status in :counted", Long.class)
                .setParameter("phone", e164).setParameter("since", now.minus(WINDOW))
                .setParameter("counted", counted()).getSingleResult();
        return counted >= limit;
    }

    /** Locks the number's stripe until the intake transaction ends; {@code String.hashCode} is the same on every node. */
    private void lock(String e164) {
        int stripe = Math.floorMod(e164.hashCode(), NumberLimitStripe.STRIPES);
        if (em.find(NumberLimitStripe.class, stripe, LockModeType.PESSIMISTIC_WRITE) == null) {
            throw new IllegalStateException("number_limit_stripe " + stripe + " is missing (migration V20)");
        }
    }

    private static List<PaymentStatus> counted() {
        return Arrays.stream(PaymentStatus.values()).filter(s -> !NEVER_DIALLED.contains(s.name())).toList();
    }
}
