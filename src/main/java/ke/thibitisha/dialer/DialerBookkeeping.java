package ke.thibitisha.dialer;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import ke.thibitisha.payments.AttemptStatus;
import ke.thibitisha.payments.CallAttempt;
import ke.thibitisha.payments.Payment;
import ke.thibitisha.payments.PaymentLedger;
import ke.thibitisha.platform.Settings;

import java.util.List;
import java.util.logging.Logger;

/**
 * The dialer's short transactions. The dialer thread itself holds no transaction while a call rings,
 * so the transaction timeout never cuts a call short and a redelivered message finds the attempt as
 * it was last committed.
 */
@Stateless
public class DialerBookkeeping {

    private static final Logger LOG = Logger.getLogger(DialerBookkeeping.class.getName());

    @PersistenceContext
    EntityManager em;
    @Inject
    PaymentLedger ledger;
    @Inject
    DialQueue dialQueue;
    @Inject
    Settings settings;
    @Inject
    Event<PaymentUnreached> unreached;
    @Inject
    CallEndSignal callEnds;

    /**
     * Creates (or, for a redelivered message, finds) the attempt the message names, recorded before any
     * request is sent. Null when there is nothing to do: the payment is gone, settled, or the attempt ended.
     */
    public AttemptTicket begin(long paymentId, int attemptNo) {
        Payment payment = ledger.lockPayment(paymentId).orElse(null);
        if (payment == null) {
            LOG.warning(() -> "dial message for unknown payment " + paymentId + " dropped");
            return null;
        }
        List<CallAttempt> found = em.createNamedQuery("CallAttempt.byNumber", CallAttempt.class)
                .setParameter("paymentId", paymentId).setParameter("attemptNo", attemptNo).getResultList();
        if (found.isEmpty()) {
            CallAttempt attempt = payment.dialling(attemptNo).orElse(null);
            if (attempt == null) {
                LOG.info(() -> "payment=" + paymentId + " is " + payment.getStatus() + ": dial message for attempt "
                        + attemptNo + " ignored");
                return null;
            }
            em.persist(attempt);
            em.flush();
            ledger.store(payment);
            return ticket(payment, attempt);
        }
        CallAttempt attempt = found.get(0);
        switch (payment.resume(attempt)) {
            case ALREADY_ENDED -> {
                // the call ended while nobody held this order (a crash): settle the payment the way the dialer
                // would have, if nobody did; finish() changes nothing when the payment has moved on already
                LOG.info(() -> "payment=" + paymentId + " attempt " + attemptNo + " already ended: redelivered message "
                        + "only settles the payment");
                finish(attempt.getId());
                return null;
            }
            case SUPERSEDED -> {
                LOG.info(() -> "payment=" + paymentId + " attempt " + attemptNo + " superseded by attempt "
                        + payment.getAttempts() + ": never placed");
                return null;
            }
            case RESUMED -> {
                LOG.info(() -> "payment=" + paymentId + " attempt " + attemptNo + " resumed (" + attempt.getStatus() + ")");
                ledger.store(payment);
                return ticket(payment, attempt);
            }
        }
        throw new AssertionError();
    }

    /**
     * Attempts whose call may be live at Sautikit: under way (REQUESTED, RINGING, ANSWERED), also when the payer's
     * key press has already settled the payment (the call is still hanging up). Not those of a payment queued again:
     * an attempt left REQUESTED by an empty wallet (or one an operator gave up as stuck) places nothing until an
     * order comes. Nor a REQUESTED attempt that a newer one superseded: it was never placed, and placing it now
     * would ring the payer twice ({@link #begin} cancels it).
     */
    public List<AttemptTicket> liveAttempts() {
        List<?> ids = em.createNativeQuery("select a.id from call_attempt a join payment p on p.id = a.payment_id"
                + " where a.status in ('REQUESTED', 'RINGING', 'ANSWERED') and p.status <> 'QUEUED'"
                + " and (a.status <> 'REQUESTED' or a.attempt_no = p.attempts) order by a.id")
                .getResultList();
        return ids.stream().map(id -> em.find(CallAttempt.class, ((Number) id).longValue()))
                .map(attempt -> ticket(em.find(Payment.class, attempt.getPaymentId()), attempt))
                .toList();
    }

    public void placed(long attemptId, PlaceResult.Placed placed) {
        PaymentLedger.Locked locked = ledger.lockAttempt(attemptId);
        CallAttempt attempt = locked.attempt();
        locked.payment().placed(attempt, placed.callId(), placed.sessionId());
        LOG.info(() -> String.format("payment=%d attempt=%d call_id=%s session_id=%s placed%s", attempt.getPaymentId(),
                attempt.getAttemptNo(), placed.callId(), placed.sessionId(), placed.replay() ? " (idempotent replay)" : ""));
    }

    /**
     * Nothing was dialled because of the account (empty wallet, key revoked, workspace suspended, number not owned):
     * the attempt waits for dialling to resume, with a fresh key (see {@link CallAttempt}).
     */
    public void accountRefused(long attemptId, PlaceResult.AccountBlocked blocked) {
        PaymentLedger.Locked locked = ledger.lockAttempt(attemptId);
        locked.payment().accountRefused(locked.attempt(), blocked.reason(), blocked.code());
        ledger.store(locked.payment());
    }

    public void refused(long attemptId, PlaceResult.Refused refused) {
        PaymentLedger.Locked locked = ledger.lockAttempt(attemptId);
        if (locked.payment().refused(locked.attempt(), refused.status(), refused.code())) {
            callEnds.publish(attemptId, AttemptStatus.REFUSED);
        }
        ledger.store(locked.payment());
    }

    /** The Sautikit id the database holds now for the attempt (an event may have stored it), or null. */
    public String callId(long attemptId) {
        CallAttempt attempt = em.find(CallAttempt.class, attemptId);
        return attempt.getCallId() != null ? attempt.getCallId() : attempt.getSessionId();
    }

    /** The status the database holds now (an event may have ended the call before the dialer looked). */
    public AttemptStatus currentStatus(long attemptId) {
        return em.find(CallAttempt.class, attemptId).getStatus();
    }

    /** A terminal status learnt by polling (events may never come) or by giving up at the hold timeout. */
    public void ended(long attemptId, CallStatus polled) {
        PaymentLedger.Locked locked = ledger.lockAttempt(attemptId);
        CallAttempt attempt = locked.attempt();
        if (locked.payment().callPolled(attempt, polled.status(), polled.failureCode())) {
            callEnds.publish(attemptId, attempt.getStatus());
        }
        attempt.recordDetails(polled.costMinor(), polled.durationSeconds());
    }

    public void recordCallDetails(long attemptId, CallStatus details) {
        ledger.lockAttempt(attemptId).attempt().recordDetails(details.costMinor(), details.durationSeconds());
    }

    /**
     * Settles the payment the way its ended attempt says. Only the thread that owns the live attempt decides; a
     * duplicate message that waited on the same call finds the payment already moved on, and an older attempt
     * ending late finds that it is no longer the latest ({@link Payment#attemptEnded}).
     */
    public void finish(long attemptId) {
        PaymentLedger.Locked locked = ledger.lockAttempt(attemptId);
        CallAttempt attempt = locked.attempt();
        Payment payment = locked.payment();
        switch (payment.attemptEnded(attempt, settings.maxAttempts(), settings.retryDelay())) {
            case REDIAL -> dialQueue.enqueue(payment.redialAfter(settings.retryDelay()));
            case UNREACHED -> unreached.fire(new PaymentUnreached(payment.getId(), payment.getReceipt(),
                    payment.getAmount(), payment.getShortcode(), attempt.getAttemptNo(), attempt.getStatus().name()));
            case NO_RESPONSE, NOTHING -> {
            }
        }
        ledger.store(payment);
    }

    private static AttemptTicket ticket(Payment payment, CallAttempt attempt) {
        return new AttemptTicket(attempt.getId(), payment.getId(), attempt.getAttemptNo(), payment.getPhoneE164(),
                attempt.getIdempotencyKey(), attempt.getCallRef(), attempt.getStatus(),
                attempt.getCallId() != null ? attempt.getCallId() : attempt.getSessionId());
    }
}
