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
                // would have, if nobody did; settling changes nothing when the payment has moved on already
                LOG.info(() -> "payment=" + paymentId + " attempt " + attemptNo + " already ended: redelivered message "
                        + "only settles the payment");
                settle(payment, attempt);
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
                .map(live -> ticket(live.payment(), live.attempt()))
                .toList();
    }

    /** Records the placed call; returns the attempt's status now (its events may have come before this answer). */
    public AttemptStatus placed(AttemptTicket ticket, PlaceResult.Placed placed) {
        PaymentRepository.Locked locked = payments.lock(ticket.key());
        CallAttempt attempt = locked.attempt();
        locked.payment().placed(attempt, placed.callId(), placed.sessionId());
        LOG.info(() -> String.format("payment=%d attempt=%d call_id=%s session_id=%s placed%s", attempt.getPaymentId(),
                attempt.getAttemptNo(), placed.callId(), placed.sessionId(), placed.replay() ? " (idempotent replay)" : ""));
        return attempt.getStatus();
    }

    /**
     * Nothing was dialled because of the account (empty wallet, key revoked, workspace suspended, number not owned):
     * the attempt waits for dialling to resume, with a fresh key (see {@link CallAttempt}).
     */
    public void accountRefused(AttemptTicket ticket, PlaceResult.AccountBlocked blocked) {
        PaymentRepository.Locked locked = payments.lock(ticket.key());
        locked.payment().accountRefused(locked.attempt(), blocked.reason(), blocked.code());
        payments.store(locked.payment());
    }

    /** @return whether this ended the attempt (then its end is announced once committed) */
    public boolean refused(AttemptTicket ticket, PlaceResult.Refused refused) {
        PaymentRepository.Locked locked = payments.lock(ticket.key());
        boolean ended = locked.payment().refused(locked.attempt(), refused.status(), refused.code());
        payments.store(locked.payment());
        return ended;
    }

    /** The Sautikit id the database holds now for the attempt (an event may have stored it), or null. */
    public String callId(AttemptTicket ticket) {
        CallAttempt attempt = payments.attempt(ticket.attemptId()).orElseThrow();
        return attempt.getCallId() != null ? attempt.getCallId() : attempt.getSessionId();
    }

    /** The status the database holds now (an event may have ended the call before the dialer looked). */
    public AttemptStatus currentStatus(AttemptTicket ticket) {
        return payments.attempt(ticket.attemptId()).orElseThrow().getStatus();
    }

    /**
     * A terminal status learnt by polling (events may never come) or by giving up at the hold timeout.
     *
     * @return whether this ended the attempt (then its end is announced once committed)
     */
    public boolean ended(AttemptTicket ticket, CallStatus polled) {
        PaymentRepository.Locked locked = payments.lock(ticket.key());
        CallAttempt attempt = locked.attempt();
        boolean ended = locked.payment().callPolled(attempt, polled.status(), polled.failureCode());
        attempt.recordDetails(polled.costMinor(), polled.durationSeconds());
        return ended;
    }

    /**
     * Records the call's cost and length when Sautikit gave them, and settles the payment the way its ended attempt
     * says, in one transaction. Only the thread that owns the live attempt decides; a duplicate message that waited
     * on the same call finds the payment already moved on, and an older attempt ending late finds that it is no
     * longer the latest ({@link Payment#attemptEnded}).
     */
    public void finish(AttemptTicket ticket, Optional<CallStatus> details) {
        PaymentRepository.Locked locked = payments.lock(ticket.key());
        details.ifPresent(call -> locked.attempt().recordDetails(call.costMinor(), call.durationSeconds()));
        settle(locked.payment(), locked.attempt());
    }

    private void settle(Payment payment, CallAttempt attempt) {
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
