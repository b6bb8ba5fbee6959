package ke.thibitisha.payments;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Where payments are locked and found, and where their status changes (made by {@link Payment}'s methods) are
 * written to the audit trail with their log lines. Runs inside the caller's transaction.
 */
@Stateless
public class PaymentLedger {

    private static final Logger LOG = Logger.getLogger(PaymentLedger.class.getName());

    @PersistenceContext
    EntityManager em;
    @Inject
    Event<PaymentStatus> finalOutcomes;

    /**
     * Writes the status changes made on the payment in this transaction to its audit trail, and their log lines;
     * a refused move is logged and changed nothing. Call it once the payment's methods have run.
     */
    public void store(Payment payment) {
        for (Payment.Move move : payment.drainMoves()) {
            if (move.refused()) {
                LOG.warning(() -> String.format("payment=%d receipt=%s refused move %s -> %s (%s)",
                        payment.getId(), payment.getReceipt(), move.from(), move.to(), move.cause()));
                continue;
            }
            em.persist(move.transition());
            if (move.to().isFinal()) {
                finalOutcomes.fire(move.to());
            }
            LOG.info(() -> String.format("payment=%d receipt=%s status %s -> %s: %s",
                    payment.getId(), payment.getReceipt(), move.from(), move.to(), move.cause()));
        }
    }

    /** A call attempt and its payment, both row-locked for the rest of the transaction. */
    public record Locked(Payment payment, CallAttempt attempt) {
    }

    /**
     * Locks the payment, then the attempt (always in that order, so two writers cannot deadlock). The
     * voice callback, the events endpoint and the dialer all write the same two rows at nearly the same
     * instant; the lock makes them take turns instead of failing on the version check.
     */
    public Locked lockAttempt(long attemptId) {
        Long paymentId = em.createQuery("select a.paymentId from CallAttempt a where a.id = :id", Long.class)
                .setParameter("id", attemptId).getSingleResult();
        Payment payment = em.find(Payment.class, paymentId, LockModeType.PESSIMISTIC_WRITE);
        CallAttempt attempt = em.find(CallAttempt.class, attemptId, LockModeType.PESSIMISTIC_WRITE);
        return new Locked(payment, attempt);
    }

    public Optional<Payment> lockPayment(long paymentId) {
        return Optional.ofNullable(em.find(Payment.class, paymentId, LockModeType.PESSIMISTIC_WRITE));
    }

    /**
     * The attempt id for a Sautikit call id, session id or our client_request_id, without loading the row. One
     * indexed look-up per column: H2 answers {@code a = :id or b = :id} with a scan of the whole table, which
     * every call event paid for.
     */
    public Optional<Long> attemptIdBySautikitId(String id) {
        return Stream.of("callId", "sessionId", "idempotencyKey")
                .map(column -> em.createQuery("select a.id from CallAttempt a where a." + column + " = :id", Long.class)
                        .setParameter("id", id).setMaxResults(1).getResultList())
                .filter(found -> !found.isEmpty())
                .map(found -> found.get(0))
                .findFirst();
    }

    /** Whether a call has been requested whose Sautikit id we do not know yet (its events may come first). */
    public boolean anAttemptAwaitsItsCallId() {
        return !em.createQuery("select a.id from CallAttempt a, Payment p where p.id = a.paymentId"
                        + " and p.status = :dialling and a.status = :requested and a.callId is null and a.sessionId is null",
                        Long.class)
                .setParameter("dialling", PaymentStatus.DIALING).setParameter("requested", AttemptStatus.REQUESTED)
                .setMaxResults(1).getResultList().isEmpty();
    }

    public Optional<Long> attemptIdByCallRef(String callRef) {
        return em.createQuery("select a.id from CallAttempt a where a.callRef = :ref", Long.class)
                .setParameter("ref", callRef).getResultList().stream().findFirst();
    }

    public List<PaymentTransition> trail(long paymentId) {
        return em.createNamedQuery("PaymentTransition.ofPayment", PaymentTransition.class)
                .setParameter("paymentId", paymentId).getResultList();
    }

    public List<CallAttempt> attempts(long paymentId) {
        return em.createNamedQuery("CallAttempt.ofPayment", CallAttempt.class)
                .setParameter("paymentId", paymentId).getResultList();
    }
}
