package ke.thibitisha.dialer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import ke.thibitisha.payments.AttemptStatus;
import ke.thibitisha.payments.MaskedFailure;
import ke.thibitisha.payments.PhoneNumbers;
import ke.thibitisha.platform.Settings;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Places one call and holds the dialer thread and its slot ({@link CallSlots}) until the call is terminal: a
 * terminal event, a terminal status read by polling, or the hold timeout. This is what makes the slot count
 * (= the MDB pool size) the cap on calls in flight.
 */
@ApplicationScoped
public class CallPlacer {

    private static final Logger LOG = Logger.getLogger(CallPlacer.class.getName());
    private static final Duration MAX_POLL_INTERVAL = Duration.ofSeconds(15);

    @Inject
    DialerBookkeeping bookkeeping;
    @Inject
    SautikitGateway sautikit;
    @Inject
    CallCompletions completions;
    @Inject
    DialingPause pause;
    @Inject
    DialQueue dialQueue;
    @Inject
    Settings settings;
    @Inject
    CallSlots slots;
    @Inject
    CallAdoption adoption;
    @Inject
    CallEndSignal callEnds;

    void dial(long paymentId, int attemptNo) {
        if (!sautikit.configured()) {
            pause.pause("SAUTIKIT_API_KEY or SAUTIKIT_FROM_NUMBER is not set", settings.pauseInterval());
        }
        Optional<Duration> holdBack = pause.holdBack();
        if (holdBack.isPresent()) {
            dialQueue.enqueue(paymentId, attemptNo, holdBack.get());
            return;
        }
        // this node may have just taken dialling over: count the live calls it inherits before it takes a slot
        adoption.adopt();
        slots.acquire();
        try {
            adoption.claim(paymentId, attemptNo).ifPresent(this::seeThrough);
        } finally {
            slots.release();
        }
    }

    /**
     * Sees one attempt through, the caller holding its slot: places the call (or, for an attempt already under
     * way, learns its id again), waits for its end, settles the payment.
     */
    void seeThrough(CallAdoption.Claim claim) {
        AttemptTicket ticket = claim.ticket();
        try {
            String callId = ticket.callId();
            AttemptStatus status = null;
            if (ticket.status() == AttemptStatus.REQUESTED) {
                Placement placement = place(ticket);
                if (!placement.callExists()) {
                    return;
                }
                callId = placement.callId();
                status = placement.status();
            } else if (callId == null) {
                callId = learnCallId(ticket);
            }
            // the hold timeout counts from now: an order that waited out an outage must still get its full call
            awaitEnd(ticket, callId, status, claim.ended(), Instant.now().plus(settings.callHoldTimeout()));
            Optional<CallStatus> details = callId == null ? Optional.empty() : sautikit.status(callId);
            bookkeeping.finish(ticket, details);
        } finally {
            completions.forget(ticket.attemptId());
        }
    }

    /**
     * Whether a call exists for the attempt now, its id when Sautikit said it, and the attempt's status once the
     * placement was recorded (null when unknown).
     */
    private record Placement(boolean callExists, String callId, AttemptStatus status) {
        static final Placement NONE = new Placement(false, null, null);
    }

    /** @return whether a call exists (its id, if known); when none does, the message has been dealt with */
    private Placement place(AttemptTicket ticket) {
        PlaceResult result = null;
        Instant giveUp = Instant.now().plus(settings.callHoldTimeout());
        boolean mayExist = false;
        while (result == null) {
            try {
                result = sautikit.place(ticket.callRequest());
            } catch (SautikitUnavailableException e) {
                // Still failing after the retries: an outage, not a blip. Hold every other order back (and say so
                // in readiness). This one keeps its slot: a request that got no answer may have created a call,
                // and the slot is held from the moment POST /v1/calls is sent. Same key each time.
                pause.pause("Sautikit unreachable: " + e.getMessage(), settings.pauseInterval());
                mayExist |= e.mayHaveCreatedCall();
                // give the slot back only when no request can have created the call (connection refused, 429, 503):
                // one that timed out may have, and its call would then ring with no slot counted for it
                if (!mayExist && Instant.now().plus(settings.pauseInterval()).isAfter(giveUp)) {
                    LOG.warning(() -> String.format("payment=%d attempt=%d to=%s: no answer from Sautikit for %s (%s); re-queued",
                            ticket.paymentId(), ticket.attemptNo(), PhoneNumbers.mask(ticket.phone()),
                            settings.callHoldTimeout(), e.getMessage()));
                    dialQueue.enqueue(ticket.paymentId(), ticket.attemptNo(), settings.pauseInterval());
                    return Placement.NONE;
                }
                LOG.warning(() -> String.format("payment=%d attempt=%d to=%s: Sautikit unavailable (%s); same request again in %s",
                        ticket.paymentId(), ticket.attemptNo(), PhoneNumbers.mask(ticket.phone()), e.getMessage(),
                        settings.pauseInterval()));
                sleep(settings.pauseInterval());
            }
        }
        if (result instanceof PlaceResult.Placed placed) {
            pause.resume();
            AttemptStatus status = whileTheCallIsLive(ticket, "record the placed call", () -> bookkeeping.placed(ticket, placed));
            return new Placement(true, placed.id(), status);
        }
        if (result instanceof PlaceResult.AccountBlocked blocked) {
            pause.pause(blocked.reason(), settings.pauseInterval());
            bookkeeping.accountRefused(ticket, blocked);
            dialQueue.enqueue(ticket.paymentId(), ticket.attemptNo(), settings.pauseInterval());
            return Placement.NONE;
        }
        if (result instanceof PlaceResult.KeyAlreadyUsed) {
            // Sautikit keeps (key, body) for 24 h and our key is ours alone: the key was sent before with another
            // body (another node's APP_URL, after a takeover), so that request's call exists. A new key would dial
            // the payer twice; wait for its events instead (they carry our client_request_id and then its id).
            LOG.warning(() -> String.format("payment=%d attempt=%d: Sautikit answered idempotency.conflict to the re-sent "
                    + "request: the call exists; waiting for its events", ticket.paymentId(), ticket.attemptNo()));
            return new Placement(true, null, null);
        }
        PlaceResult.Refused refused = (PlaceResult.Refused) result;
        LOG.warning(() -> String.format("payment=%d attempt=%d to=%s: Sautikit refused the call: %d %s %s",
                ticket.paymentId(), ticket.attemptNo(), PhoneNumbers.mask(ticket.phone()), refused.status(),
                refused.code(), refused.message() == null ? "" : PhoneNumbers.maskAll(refused.message())));
        if (bookkeeping.refused(ticket, refused)) {
            callEnds.announce(ticket.attemptId(), AttemptStatus.REFUSED);
        }
        return Placement.NONE;
    }

    /**
     * A redelivered order for a call already under way whose Sautikit id was never stored: the server died after
     * the call was answered (voice callback, events) but before the answer to POST /v1/calls was written down. The
     * same request with the same Idempotency-Key makes Sautikit replay that answer, ids included.
     *
     * @return the call id, or null if Sautikit would not say (then only events can end the wait)
     */
    private String learnCallId(AttemptTicket ticket) {
        try {
            PlaceResult replay = sautikit.place(ticket.callRequest());
            if (replay instanceof PlaceResult.Placed placed) {
                bookkeeping.placed(ticket, placed);
                return placed.id();
            }
            String answer = replay instanceof PlaceResult.Refused refused ? refused.status() + " " + refused.code()
                    : replay instanceof PlaceResult.AccountBlocked blocked ? blocked.status() + " " + blocked.code()
                    : ((PlaceResult.KeyAlreadyUsed) replay).code();
            LOG.warning(() -> String.format("payment=%d attempt=%d: call under way without a Sautikit id, and the replayed "
                    + "request got %s; waiting for its events", ticket.paymentId(), ticket.attemptNo(), answer));
        } catch (SautikitUnavailableException e) {
            LOG.warning(() -> String.format("payment=%d attempt=%d: call under way without a Sautikit id, and Sautikit is "
                    + "unavailable (%s); waiting for its events", ticket.paymentId(), ticket.attemptNo(), e.getMessage()));
        }
        return null;
    }

    private static void sleep(Duration length) {
        try {
            Thread.sleep(length.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("dialer interrupted while holding a call slot", e);
        }
    }

    /**
     * Waits for the terminal event, polling Sautikit with backoff in case events never come.
     *
     * @param status the attempt's status as recorded when the call was placed, or null: read it first
     */
    private void awaitEnd(AttemptTicket ticket, String callId, AttemptStatus status,
                          CompletableFuture<AttemptStatus> ended, Instant deadline) {
        if (status != null ? status.isTerminal() : isTerminal(ticket)) {
            return;
        }
        Duration interval = settings.statusPollInterval();
        while (true) {
            Duration left = Duration.between(Instant.now(), deadline);
            if (left.isNegative() || left.isZero()) {
                break;
            }
            if (waitFor(ended, Math.min(interval.toMillis(), left.toMillis()), callId)) {
                return;
            }
            callId = callId != null ? callId : knownCallId(ticket);
            if (endedByPolling(ticket, callId)) {
                return;
            }
            interval = interval.multipliedBy(2).compareTo(MAX_POLL_INTERVAL) > 0 ? MAX_POLL_INTERVAL : interval.multipliedBy(2);
        }
        LOG.warning(() -> String.format("payment=%d attempt=%d: no terminal status within %s; hanging up",
                ticket.paymentId(), ticket.attemptNo(), settings.callHoldTimeout()));
        hangUp(ticket, callId, ended);
    }

    /**
     * The slot is given back only once Sautikit confirms the hang-up or says the call ended: a hang-up that failed
     * leaves a call that may still be live, so it is tried again. A call whose id we never learnt cannot be hung up;
     * its slot goes at the hold timeout, as the contract allows.
     */
    private void hangUp(AttemptTicket ticket, String callId, CompletableFuture<AttemptStatus> ended) {
        String id = callId != null ? callId : knownCallId(ticket);
        while (id != null && !sautikit.hangup(id)) {
            if (waitFor(ended, settings.statusPollInterval().toMillis(), id) || endedByPolling(ticket, id)) {
                return;
            }
            LOG.warning(() -> String.format("payment=%d attempt=%d: hang-up not confirmed; the call may be live, its slot "
                    + "stays held", ticket.paymentId(), ticket.attemptNo()));
        }
        CallStatus timedOut = new CallStatus(AttemptStatus.TIMED_OUT, "timed_out", "hold_timeout", null, null);
        if (whileTheCallIsLive(ticket, "record the hold timeout", () -> bookkeeping.ended(ticket, timedOut))) {
            callEnds.announce(ticket.attemptId(), AttemptStatus.TIMED_OUT);
        }
    }

    /** @return whether the call ended (an event reached any node) within {@code millis} */
    private static boolean waitFor(CompletableFuture<AttemptStatus> ended, long millis, String callId) {
        try {
            ended.get(millis, TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("dialer interrupted while call " + callId + " was in flight", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    private boolean endedByPolling(AttemptTicket ticket, String callId) {
        Optional<CallStatus> polled = callId == null ? Optional.empty() : sautikit.status(callId);
        if (polled.isEmpty() || polled.get().status() == null || !polled.get().status().isTerminal()) {
            return false;
        }
        LOG.info(() -> String.format("payment=%d attempt=%d call_id=%s ended %s (learnt by polling)",
                ticket.paymentId(), ticket.attemptNo(), callId, polled.get().rawStatus()));
        // Sautikit says the call ended: the slot may go even if the database cannot record it now (the order is
        // delivered again and its poll says the same)
        if (bookkeeping.ended(ticket, polled.get())) {
            callEnds.announce(ticket.attemptId(), polled.get().status());
        }
        return true;
    }

    private boolean isTerminal(AttemptTicket ticket) {
        try {
            return bookkeeping.currentStatus(ticket).isTerminal();
        } catch (RuntimeException e) {
            return false; // the database is away: the call may be live, keep its slot and wait
        }
    }

    /** The call id an event stored meanwhile (found by our client_request_id); null while none did. */
    private String knownCallId(AttemptTicket ticket) {
        try {
            return bookkeeping.callId(ticket);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * Runs a database step while a call may be live, again and again until it succeeds: an exception would hand
     * the order back to the queue and free the slot for the redelivery delay while the payer's phone rings.
     */
    private <T> T whileTheCallIsLive(AttemptTicket ticket, String what, Supplier<T> step) {
        while (true) {
            try {
                return step.get();
            } catch (RuntimeException e) {
                LOG.warning(() -> String.format("payment=%d attempt=%d: could not %s (%s); the call may be live, its slot "
                        + "stays held; again in %s", ticket.paymentId(), ticket.attemptNo(), what, MaskedFailure.describe(e),
                        settings.pauseInterval()));
                sleep(settings.pauseInterval());
            }
        }
    }
}
