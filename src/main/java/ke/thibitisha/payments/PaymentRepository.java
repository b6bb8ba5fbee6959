package ke.thibitisha.payments;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;

import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Where payments are locked and found, and where their status changes (made by {@link Payment}'s methods) are
 * written to the audit trail with their log lines. Runs inside the caller's transaction.
 */
@Stateless
public class PaymentRepository {

    private static final Logger LOG = Logger.getLogger(PaymentRepository.class.getName());

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

    /** A call attempt and its payment, the payment row-locked for the rest of the transaction. */
    public record Locked(Payment payment, CallAttempt attempt) {
    }

    /** Where an attempt is: its own id and its payment's, as the look-ups by Sautikit id or call reference find them. */
    public record AttemptKey(long attemptId, long paymentId) {
    }

    /**
     * Locks the payment, the aggregate's root, and reads the attempt under that lock: every writer of an attempt
     * holds its payment's lock first, so the voice callback, the events endpoint and the dialer, which write the
     * same rows at nearly the same instant, take turns instead of failing on the version check. Two statements.
     */
    public Locked lock(AttemptKey key) {
        Payment payment = em.find(Payment.class, key.paymentId(), LockModeType.PESSIMISTIC_WRITE);
        CallAttempt attempt = em.find(CallAttempt.class, key.attemptId());
        return new Locked(payment, attempt);
    }

    /**
     * The attempt as it is now, read without a lock and left out of the persistence context, so that a {@link #lock}
     * later in the transaction reads it again under the lock instead of returning this copy.
     */
    public CallAttempt peek(AttemptKey key) {
        CallAttempt attempt = em.find(CallAttempt.class, key.attemptId());
        em.detach(attempt);
        return attempt;
    }

    public Optional<Payment> lockPayment(long paymentId) {
        return Optional.ofNullable(em.find(Payment.class, paymentId, LockModeType.PESSIMISTIC_WRITE));
    }

    /**
     * The attempt for a Sautikit call id, session id or our client_request_id, without loading the row. One
     * indexed look-up per column: H2 answers {@code a = :id or b = :id} with a scan of the whole table, which
     * every call event paid for.
     */
    public Optional<AttemptKey> attemptBySautikitId(String id) {
        return Stream.of("callId", "sessionId", "idempotencyKey")
                .map(column -> keys("where a." + column + " = :id", id))
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

    public Optional<AttemptKey> attemptByCallRef(String callRef) {
        return keys("where a.callRef = :id", callRef).stream().findFirst();
    }

    private List<AttemptKey> keys(String where, String id) {
        return em.createQuery("select a.id, a.paymentId from CallAttempt a " + where, Object[].class)
                .setParameter("id", id).setMaxResults(1).getResultList().stream()
                .map(row -> new AttemptKey((Long) row[0], (Long) row[1])).toList();
    }

    public List<PaymentTransition> trail(long paymentId) {
        return em.createNamedQuery("PaymentTransition.ofPayment", PaymentTransition.class)
                .setParameter("paymentId", paymentId).getResultList();
    }

    public List<CallAttempt> attempts(long paymentId) {
        return em.createNamedQuery("CallAttempt.ofPayment", CallAttempt.class)
                .setParameter("paymentId", paymentId).getResultList();
    }

    public Optional<Payment> find(long paymentId) {
        return Optional.ofNullable(em.find(Payment.class, paymentId));
    }

    public Optional<CallAttempt> attempt(long attemptId) {
        return Optional.ofNullable(em.find(CallAttempt.class, attemptId));
    }

    public Optional<CallAttempt> attempt(long paymentId, int attemptNo) {
        return em.createNamedQuery("CallAttempt.byNumber", CallAttempt.class)
                .setParameter("paymentId", paymentId).setParameter("attemptNo", attemptNo).getResultList().stream().findFirst();
    }

    /** Records a new attempt (from {@link Payment#dialling}) at once: its unique number refuses a second one here. */
    public void add(CallAttempt attempt) {
        em.persist(attempt);
        em.flush();
    }

    /**
     * Attempts whose call may be live at Sautikit: under way (REQUESTED, RINGING, ANSWERED), also when the payer's
     * key press has already settled the payment (the call is still hanging up). Not those of a payment queued again:
     * an attempt left REQUESTED by an empty wallet (or one an operator gave up as stuck) places nothing until an
     * order comes. Nor a REQUESTED attempt that a newer one superseded: it was never placed, and placing it now
     * would ring the payer twice ({@link Payment#resume} cancels it). Oldest first.
     */
    public List<LiveAttempt> attemptsWhoseCallMayBeLive() {
        return em.createQuery("select p, a from CallAttempt a join Payment p on p.id = a.paymentId"
                        + " where a.status in :underWay and p.status <> :queued"
                        + " and (a.status <> :requested or a.attemptNo = p.attempts) order by a.id", Object[].class)
                .setParameter("underWay", List.of(AttemptStatus.REQUESTED, AttemptStatus.RINGING, AttemptStatus.ANSWERED))
                .setParameter("queued", PaymentStatus.QUEUED).setParameter("requested", AttemptStatus.REQUESTED)
                .getResultList().stream().map(row -> new LiveAttempt((Payment) row[0], (CallAttempt) row[1])).toList();
    }

    /** An attempt whose call may be live, with its payment, read in one statement (not locked). */
    public record LiveAttempt(Payment payment, CallAttempt attempt) {
    }

    // ---- dial orders

    /** Stamps the payment with the due time of the dial order sent in this transaction (see {@code DialQueue}). */
    public void stampDialOrderDue(long paymentId, Instant due) {
        em.flush(); // a payment persisted in this transaction must exist for the stamp
        em.createNativeQuery("update payment set dial_order_due_at = ?1 where id = ?2")
                .setParameter(1, due).setParameter(2, paymentId).executeUpdate();
    }

    /** When the payment's latest dial order was due; empty for one stamped before the column existed. */
    public Optional<Instant> dialOrderDueAt(long paymentId) {
        Object due = em.createNativeQuery("select dial_order_due_at from payment where id = ?1")
                .setParameter(1, paymentId).getSingleResult();
        return Optional.ofNullable(due).map(PaymentRepository::instant);
    }

    /** Ids of payments waiting to be dialled, unchanged since {@code cutoff}, whose order was due before {@code dueBefore}, after {@code afterId}, by id. */
    public List<Long> waitingForAnOrder(Instant cutoff, Instant dueBefore, long afterId, int limit) {
        List<?> ids = em.createNativeQuery("select id from payment where status in ('QUEUED', 'RETRY_SCHEDULED')"
                        + " and updated_at < ?1 and (dial_order_due_at is null or dial_order_due_at < ?2) and id > ?3 order by id")
                .setParameter(1, cutoff).setParameter(2, dueBefore).setParameter(3, afterId)
                .setMaxResults(limit).getResultList();
        return ids.stream().map(id -> ((Number) id).longValue()).toList();
    }

    private static Instant instant(Object due) {
        return due instanceof Instant i ? i : due instanceof java.time.OffsetDateTime o ? o.toInstant()
                : ((java.sql.Timestamp) due).toInstant();
    }

    // ---- the operators' views

    /** Newest first; {@code phoneEnding}: the last digits of the payer's number (an operator's "the one ending 4149"). */
    public List<Payment> newestFirst(Optional<PaymentStatus> status, Optional<Instant> since, Optional<String> phoneEnding,
                                     int limit, int offset) {
        StringBuilder jpql = new StringBuilder("select p from Payment p where 1 = 1");
        status.ifPresent(s -> jpql.append(" and p.status = :status"));
        since.ifPresent(s -> jpql.append(" and p.createdAt >= :since"));
        phoneEnding.ifPresent(s -> jpql.append(" and p.phoneE164 like :phone"));
        jpql.append(" order by p.createdAt desc, p.id desc");
        TypedQuery<Payment> query = em.createQuery(jpql.toString(), Payment.class);
        status.ifPresent(s -> query.setParameter("status", s));
        since.ifPresent(s -> query.setParameter("since", s));
        phoneEnding.ifPresent(s -> query.setParameter("phone", "%" + s));
        return query.setFirstResult(offset).setMaxResults(limit).getResultList();
    }

    /** By database id, M-Pesa receipt, CheckoutRequestID or public id. */
    public Optional<Payment> byReference(String ref) {
        if (ref.matches("\\d{1,18}")) {
            Payment byId = em.find(Payment.class, Long.parseLong(ref));
            if (byId != null) {
                return Optional.of(byId);
            }
        }
        // one indexed look-up per column: H2 scans the whole table for "receipt = :ref or checkoutRequestId = :ref"
        return Stream.of("receipt", "checkoutRequestId", "publicId")
                .map(column -> em.createQuery("select p from Payment p where p." + column + " = :ref order by p.id",
                        Payment.class).setParameter("ref", ref).setMaxResults(1).getResultList())
                .filter(found -> !found.isEmpty())
                .map(found -> found.get(0))
                .findFirst();
    }

    /** Payments received in {@code [from, to)}, oldest first. */
    public List<Payment> receivedBetween(Instant from, Instant to) {
        return em.createQuery("select p from Payment p where p.createdAt >= :from"
                        + " and p.createdAt < :to order by p.createdAt, p.id", Payment.class)
                .setParameter("from", from).setParameter("to", to).getResultList();
    }

    /** The attempts of the payments received in {@code [from, to)}, by payment and number. */
    public List<CallAttempt> attemptsOfPaymentsReceivedBetween(Instant from, Instant to) {
        return em.createQuery("select a from CallAttempt a where a.paymentId in (select p.id from Payment p"
                        + " where p.createdAt >= :from and p.createdAt < :to) order by a.paymentId, a.attemptNo",
                        CallAttempt.class)
                .setParameter("from", from).setParameter("to", to).getResultList();
    }

    /** Data minimisation: settled payments received before {@code cutoff} lose phone number and account number. @return how many */
    public int anonymiseSettledReceivedBefore(Instant cutoff) {
        List<PaymentStatus> settled = Arrays.stream(PaymentStatus.values()).filter(PaymentStatus::isFinal).toList();
        return em.createQuery("update Payment p set p.phoneE164 = null, p.countedPhone = null, p.billRef = null"
                        + " where p.createdAt < :cutoff and (p.phoneE164 is not null or p.billRef is not null)"
                        + " and p.status in :settled")
                .setParameter("cutoff", cutoff).setParameter("settled", settled).executeUpdate();
    }

    // ---- figures

    /** Payments received in {@code [from, to)} per status, every status present (zero when none). */
    public Map<PaymentStatus, Long> countsByStatusReceivedBetween(Instant from, Instant to) {
        Map<PaymentStatus, Long> counts = new EnumMap<>(PaymentStatus.class);
        for (PaymentStatus s : PaymentStatus.values()) {
            counts.put(s, 0L);
        }
        em.createQuery("select p.status, count(p) from Payment p where p.createdAt >= :from and p.createdAt < :to"
                        + " group by p.status", Object[].class)
                .setParameter("from", from).setParameter("to", to).getResultList()
                .forEach(row -> counts.put((PaymentStatus) row[0], (Long) row[1]));
        return counts;
    }

    public long countInStatus(PaymentStatus status) {
        return em.createQuery("select count(p) from Payment p where p.status = :status", Long.class)
                .setParameter("status", status).getSingleResult();
    }

    /** What the calls requested in {@code [from, to)} cost, in cents. */
    public long callCostMinorRequestedBetween(Instant from, Instant to) {
        Long cost = em.createQuery("select sum(a.costMinor) from CallAttempt a where a.requestedAt >= :from"
                        + " and a.requestedAt < :to", Long.class)
                .setParameter("from", from).setParameter("to", to).getSingleResult();
        return cost == null ? 0 : cost;
    }

    /** Attempts requested, ringing or answered. */
    public long callsInFlight() {
        return em.createQuery("select count(a) from CallAttempt a where a.status in :live", Long.class)
                .setParameter("live", List.of(AttemptStatus.REQUESTED, AttemptStatus.RINGING, AttemptStatus.ANSWERED))
                .getSingleResult();
    }

    /** When the payment that has waited longest in QUEUED was received. */
    public Optional<Instant> oldestQueuedReceivedAt() {
        List<Instant> oldest = em.createQuery("select min(p.createdAt) from Payment p where p.status = :queued", Instant.class)
                .setParameter("queued", PaymentStatus.QUEUED).getResultList();
        return oldest.stream().filter(Objects::nonNull).findFirst();
    }

    /** A decision on a payment that waited for Daraja: QUEUED (paid) or UNVERIFIED, when, and when it was received. */
    public record VerificationDecision(PaymentStatus outcome, Instant decidedAt, Instant receivedAt) {
    }

    /** The latest decisions of Daraja verification made in {@code [from, to)}, at most {@code limit}, newest first. */
    public List<VerificationDecision> verificationDecisionsBetween(Instant from, Instant to, int limit) {
        return em.createQuery("select t.toStatus, t.at, p.createdAt from PaymentTransition t, Payment p"
                        + " where p.id = t.paymentId and t.fromStatus = :verifying and t.at >= :from and t.at < :to"
                        + " and (t.toStatus = :unverified or t.cause like 'confirmed by Daraja%') order by t.id desc",
                        Object[].class)
                .setParameter("verifying", PaymentStatus.VERIFYING).setParameter("unverified", PaymentStatus.UNVERIFIED)
                .setParameter("from", from).setParameter("to", to).setMaxResults(limit).getResultList().stream()
                .map(row -> new VerificationDecision((PaymentStatus) row[0], (Instant) row[1], (Instant) row[2]))
                .toList();
    }

    /** Hands each payment's reception time since {@code from} to {@code times}, streamed from the database. */
    public void forEachReceivedSince(Instant from, Consumer<Instant> times) {
        em.createQuery("select p.createdAt from Payment p where p.createdAt >= :from", Instant.class)
                .setParameter("from", from).getResultStream().forEach(times);
    }

    /** Hands each call request time since {@code from} to {@code times}. */
    public void forEachCallRequestedSince(Instant from, Consumer<Instant> times) {
        em.createQuery("select a.requestedAt from CallAttempt a where a.requestedAt >= :from", Instant.class)
                .setParameter("from", from).getResultStream().forEach(times);
    }

    /** Hands the status and last change of each payment in one of {@code outcomes} that last moved since {@code from}. */
    public void forEachSettledSince(Instant from, Set<PaymentStatus> outcomes, BiConsumer<PaymentStatus, Instant> settled) {
        em.createQuery("select p.status, p.updatedAt from Payment p where p.updatedAt >= :from and p.status in :settled",
                        Object[].class)
                .setParameter("from", from).setParameter("settled", outcomes).getResultStream()
                .forEach(row -> settled.accept((PaymentStatus) row[0], (Instant) row[1]));
    }
}
