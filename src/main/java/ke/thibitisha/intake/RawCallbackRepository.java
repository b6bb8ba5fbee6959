package ke.thibitisha.intake;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The raw Daraja requests for the operators' views and the retention job (intake itself writes them in groups). */
@Stateless
public class RawCallbackRepository {

    @PersistenceContext
    EntityManager em;

    public Optional<RawCallback> find(long id) {
        return Optional.ofNullable(em.find(RawCallback.class, id));
    }

    /** The latest {@code limit} requests, newest first; only those we did not answer 200 when {@code rejectedOnly}. */
    public List<RawCallback> newest(boolean rejectedOnly, int limit) {
        String jpql = "select r from RawCallback r" + (rejectedOnly ? " where r.httpStatus <> 200" : "")
                + " order by r.id desc";
        return em.createQuery(jpql, RawCallback.class).setMaxResults(limit).getResultList();
    }

    /** Data minimisation: requests received before {@code cutoff} lose body and headers. @return how many */
    public int dropBodiesReceivedBefore(Instant cutoff) {
        return em.createQuery("update RawCallback r set r.body = null, r.headers = null"
                        + " where r.receivedAt < :cutoff and r.body is not null")
                .setParameter("cutoff", cutoff).executeUpdate();
    }
}
