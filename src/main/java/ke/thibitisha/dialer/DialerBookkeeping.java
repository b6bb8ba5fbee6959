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
import ke.thibitisha.payments.PaymentStatus;
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
        CallAttempt attempt;
        if (found.isEmpty()) {
            if (payment.getStatus() != PaymentStatus.QUEUED && payment.getStatus() != PaymentStatus.RETRY_SCHEDULED) {
                LOG.info(() -> "payment=" + paymentId + " is " + payment.getStatus() + ": dial message for attempt "
                        + attemptNo + " ignored");
                return null;
            }
            attempt = new CallAttempt(payment, attemptNo);
            em.persist(attempt);
            em.flush();
            payment.setAttempts(attemptNo);
            ledger.move(payment, PaymentStatus.DIALING, "dialling, attempt " + attemptNo);
        } else {
            attempt = found.get(0);
            if (attempt.getStatus().isTerminal()) {
                // the call ended while nobody held this order (a crash): settle the payment the way the dialer
                // would have, if nobody did; finish() changes nothing when the payment has moved on already
                LOG.info(() -> "payment=" + paymentId + " attempt " + attemptNo + " already ended: redelivered message "
                        + "only settles the payment");
                finish(attempt.getId());
                return null;
            }
            if (attemptNo != payment.getAttempts() && attempt.getStatus() == AttemptStatus.REQUESTED) {
                // an operator redialled while this order waited (the wallet was empty, say): attempt N+1 carries the
                // payment now, and this one was never placed (see CallPlacer.place): placing it would ring the payer twice
                attempt.setFailureReason("superseded by attempt " + payment.getAttempts());
                attempt.advanceTo(AttemptStatus.CANCELED);
                LOG.info(() -> "payment=" + paymentId + " attempt " + attemptNo + " superseded by attempt "
                        + payment.getAttempts() + ": never placed");
                return null;
            }
            LOG.info(() -> "payment=" + paymentId + " attempt " + attemptNo + " resumed ("
                    + attempt.getStatus() + ")");
            if (payment.getStatus() == PaymentStatus.QUEUED) {
                ledger.move(payment, PaymentStatus.DIALING, "dialling, attempt " + attemptNo + " (after a pause)");
            }
        }
        return ticket(payment, attempt);
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
        CallAttempt attempt = ledger.lockAttempt(attemptId).attempt();
        attempt.setSautikitIds(placed.callId(), placed.sessionId());
        attempt.advanceTo(AttemptStatus.RINGING);
        LOG.info(() -> String.format("payment=%d attempt=%d call_id=%s session_id=%s placed%s", attempt.getPaymentId(),
                attempt.getAttemptNo(), placed.callId(), placed.sessionId(), placed.replay() ? " (idempotent replay)" : ""));
    }

    /**
     * Nothing was dialled because of the account (empty wallet, key revoked, workspace suspended, number not owned):
     * the attempt waits for dialling to resume, with a fresh key (see {@link CallAttempt}).
     */
    public void accountRefused(long attemptId, PlaceResult.AccountBlocked blocked) {
        PaymentLedger.Locked locked = ledger.lockAttempt(attemptId);
        CallAttempt attempt = locked.attempt();
        ledger.move(locked.payment(), PaymentStatus.QUEUED, blocked.reason() + ": dialling paused, call kept queued");
        attempt.setErrorCode(blocked.code());
        String key = attempt.getIdempotencyKey();
        int refusals = key.matches(".*-w\\d+$") ? Integer.parseInt(key.substring(key.lastIndexOf("-w") + 2)) + 1 : 1;
        attempt.renewKeyAfterWalletRefusal(refusals);
    }

    public void refused(long attemptId, PlaceResult.Refused refused) {
        PaymentLedger.Locked locked = ledger.lockAttempt(attemptId);
        CallAttempt attempt = locked.attempt();
        attempt.setErrorCode(refused.code());
        if (attempt.advanceTo(AttemptStatus.REFUSED)) {
            callEnds.publish(attemptId, AttemptStatus.REFUSED);
        }
        Payment payment = locked.payment();
        ledger.move(payment, PaymentStatus.FAILED, "Sautikit refused the call: " + refused.status() + " " + refused.code());
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
        CallAttempt attempt = ledger.lockAttempt(attemptId).attempt();
        if (polled.status() != null && attempt.advanceTo(polled.status())) {
            if (polled.failureCode() != null) {
                attempt.setFailureReason(polled.failureCode());
            }
            callEnds.publish(attemptId, attempt.getStatus());
        }
        recordCallDetails(attempt, polled);
    }

    public void recordCallDetails(long attemptId, CallStatus details) {
        recordCallDetails(ledger.lockAttempt(attemptId).attempt(), details);
    }

    private static void recordCallDetails(CallAttempt attempt, CallStatus details) {
        if (details.costMinor() != null) {
            attempt.setCostMinor(details.costMinor());
        }
        if (details.durationSeconds() != null) {
            attempt.setDurationSeconds(details.durationSeconds());
        }
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
        AttemptStatus status = attempt.getStatus();
        String why = status.name().toLowerCase() + (attempt.getFailureReason() == null ? "" : " (" + attempt.getFailureReason() + ")");
        switch (payment.attemptEnded(attempt.getAttemptNo(), status, settings.maxAttempts())) {
            case NO_RESPONSE -> ledger.move(payment, PaymentStatus.NO_RESPONSE, "call completed without a choice");
            case REDIAL -> {
                ledger.move(payment, PaymentStatus.RETRY_SCHEDULED, "attempt " + attempt.getAttemptNo() + " " + why
                        + ", redial in " + settings.retryDelay().toSeconds() + " s");
                dialQueue.enqueue(payment.getId(), attempt.getAttemptNo() + 1, settings.retryDelay());
            }
            case UNREACHED -> {
                ledger.move(payment, PaymentStatus.UNREACHED, "attempt " + attempt.getAttemptNo() + " " + why
                        + ", no attempts left");
                unreached.fire(new PaymentUnreached(payment.getId(), payment.getReceipt(), payment.getAmount(),
                        payment.getShortcode(), attempt.getAttemptNo(), status.name()));
            }
            case NOTHING -> {
            }
        }
    }

    private static AttemptTicket ticket(Payment payment, CallAttempt attempt) {
        return new AttemptTicket(attempt.getId(), payment.getId(), attempt.getAttemptNo(), payment.getPhoneE164(),
                attempt.getIdempotencyKey(), attempt.getCallRef(), attempt.getStatus(),
                attempt.getCallId() != null ? attempt.getCallId() : attempt.getSessionId());
    }
}
