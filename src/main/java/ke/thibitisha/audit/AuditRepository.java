package ke.thibitisha.audit;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Instant;
import java.util.List;

/** The {@code operator_audit} table. */
@Stateless
public class AuditRepository {

    @PersistenceContext
    EntityManager em;

    public void add(AuditEntry entry) {
        em.persist(entry);
    }

    /** Entries since {@code since}, newest first, at most {@code limit}. */
    public List<AuditEntry> newestSince(Instant since, int limit) {
        return em.createQuery("select a from AuditEntry a where a.at >= :since order by a.at desc, a.id desc",
                        AuditEntry.class)
                .setParameter("since", since).setMaxResults(limit).getResultList();
    }
}
