package ke.thibitisha.dialer;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import ke.thibitisha.payments.AttemptStatus;
import ke.thibitisha.payments.CallAttempt;
import ke.thibitisha.payments.Payment;
import ke.thibitisha.payments.PaymentRepository;
import ke.thibitisha.platform.Settings;

import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The dialer's short transactions. The dialer thread itself holds no transaction while a call rings,
 * so the transaction timeout never cuts a call short and a redelivered message finds the attempt as
 * it was last committed.
 */
@Stateless
public class DialerBookkeeping {

    private static final Logger LOG = Logger.getLogger(DialerBookkeeping.class.getName());

    @Inject
    PaymentRepository payments;
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
        Payment payment = payments.lockPayment(paymentId).orElse(null);
        if (payment == null) {
            LOG.warning(() -> "dial message for unknown payment " + paymentId + " dropped");
            return null;
        }
        Optional<CallAttempt> found = payments.attempt(paymentId, attemptNo);
        if (found.isEmpty()) {
            CallAttempt attempt = payment.dialling(attemptNo).orElse(null);
            if (attempt == null) {
                LOG.info(() -> "payment=" + paymentId + " is " + payment.getStatus() + ": dial message for attempt "
                        + attemptNo + " ignored");
                return null;
            }
            payments.add(attempt);
            payments.store(payment);
            return ticket(payment, attempt);
        }
        CallAttempt attempt = found.get();
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
                payments.store(payment);
                return ticket(payment, attempt);
            }
        }
        throw new AssertionError();
    }

    /** Tickets for the attempts whose call may be live at Sautikit ({@link PaymentRepository#attemptsWhoseCallMayBeLive}). */
    public List<AttemptTicket> liveAttempts() {
        return payments.attemptsWhoseCallMayBeLive().stream()
                .map(attempt -> ticket(payments.find(attempt.getPaymentId()).orElseThrow(), attempt))
                .toList();
    }

    public void placed(long attemptId, PlaceResult.Placed placed) {
        PaymentRepository.Locked locked = payments.lockAttempt(attemptId);
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
        PaymentRepository.Locked locked = payments.lockAttempt(attemptId);
        locked.payment().accountRefused(locked.attempt(), blocked.reason(), blocked.code());
        payments.store(locked.payment());
    }

    public void refused(long attemptId, PlaceResult.Refused refused) {
        PaymentRepository.Locked locked = payments.lockAttempt(attemptId);
        if (locked.payment().refused(locked.attempt(), refused.status(), refused.code())) {
            callEnds.publish(attemptId, AttemptStatus.REFUSED);
        }
        payments.store(locked.payment());
    }

    /** The Sautikit id the database holds now for the attempt (an event may have stored it), or null. */
    public String callId(long attemptId) {
        CallAttempt attempt = payments.attempt(attemptId).orElseThrow();
        return attempt.getCallId() != null ? attempt.getCallId() : attempt.getSessionId();
    }

    /** The status the database holds now (an event may have ended the call before the dialer looked). */
    public AttemptStatus currentStatus(long attemptId) {
        return payments.attempt(attemptId).orElseThrow().getStatus();
    }

    /** A terminal status learnt by polling (events may never come) or by giving up at the hold timeout. */
    public void ended(long attemptId, CallStatus polled) {
        PaymentRepository.Locked locked = payments.lockAttempt(attemptId);
        CallAttempt attempt = locked.attempt();
        if (locked.payment().callPolled(attempt, polled.status(), polled.failureCode())) {
            callEnds.publish(attemptId, attempt.getStatus());
        }
        attempt.recordDetails(polled.costMinor(), polled.durationSeconds());
    }

    public void recordCallDetails(long attemptId, CallStatus details) {
        payments.lockAttempt(attemptId).attempt().recordDetails(details.costMinor(), details.durationSeconds());
    }

    /**
     * Settles the payment the way its ended attempt says. Only the thread that owns the live attempt decides; a
     * duplicate message that waited on the same call finds the payment already moved on, and an older attempt
     * ending late finds that it is no longer the latest ({@link Payment#attemptEnded}).
     */
    public void finish(long attemptId) {
        PaymentRepository.Locked locked = payments.lockAttempt(attemptId);
        CallAttempt attempt = locked.attempt();
        Payment payment = locked.payment();
        switch (payment.attemptEnded(attempt, settings.maxAttempts(), settings.retryDelay())) {
            case REDIAL -> dialQueue.enqueue(payment.redialAfter(settings.retryDelay()));
            case UNREACHED -> unreached.fire(new PaymentUnreached(payment.getId(), payment.getReceipt(),
                    payment.getAmount(), payment.getShortcode(), attempt.getAttemptNo(), attempt.getStatus().name()));
            case NO_RESPONSE, NOTHING -> {
            }
        }
        payments.store(payment);
    }

    private static AttemptTicket ticket(Payment payment, CallAttempt attempt) {
        return new AttemptTicket(attempt.getId(), payment.getId(), attempt.getAttemptNo(), payment.getPhoneE164(),
                attempt.getIdempotencyKey(), attempt.getCallRef(), attempt.getStatus(),
                attempt.getCallId() != null ? attempt.getCallId() : attempt.getSessionId());
    }
}
