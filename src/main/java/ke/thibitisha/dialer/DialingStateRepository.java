package ke.thibitisha.dialer;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The dialling node's last word on whether dialling is paused (table {@code dialling_state}, one row), so that
 * {@code GET /api/stats} answers the same on every node of a cluster.
 */
@Stateless
public class DialingStateRepository {

    @PersistenceContext
    EntityManager em;

    /** What a node declared, and when. */
    public record Declared(String node, String pausedReason, Instant changedAt) {
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void declare(String node, String pausedReason) {
        String reason = pausedReason == null || pausedReason.length() <= 500 ? pausedReason : pausedReason.substring(0, 500);
        Instant now = Instant.now();
        int updated = em.createNativeQuery("update dialling_state set node = ?1, paused_reason = ?2, changed_at = ?3 where id = 1")
                .setParameter(1, node).setParameter(2, reason).setParameter(3, now).executeUpdate();
        if (updated == 0) {
            em.createNativeQuery("insert into dialling_state (id, node, paused_reason, changed_at) values (1, ?1, ?2, ?3)")
                    .setParameter(1, node).setParameter(2, reason).setParameter(3, now).executeUpdate();
        }
    }

    public Optional<Declared> read() {
        List<Object[]> rows = em.createNativeQuery("select node, paused_reason, changed_at from dialling_state where id = 1",
                Object[].class).getResultList();
        return rows.stream().findFirst().map(row -> new Declared((String) row[0], (String) row[1], toInstant(row[2])));
    }

    private static Instant toInstant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof java.time.OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (value instanceof java.sql.Timestamp ts) {
            return ts.toInstant();
        }
        return null;
    }
}
