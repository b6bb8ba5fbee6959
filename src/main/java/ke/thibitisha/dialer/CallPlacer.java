package ke.thibitisha.dialer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import ke.thibitisha.payments.AttemptStatus;
import ke.thibitisha.payments.PhoneNumbers;
import ke.thibitisha.platform.Settings;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
            if (ticket.status() == AttemptStatus.REQUESTED) {
                Placement placement = place(ticket);
                if (!placement.callExists()) {
                    return;
                }
                callId = placement.callId();
            } else if (callId == null) {
                callId = learnCallId(ticket);
            }
            // the hold timeout counts from now: an order that waited out an outage must still get its full call
            awaitEnd(ticket, callId, claim.ended(), Instant.now().plus(settings.callHoldTimeout()));
            if (callId != null) {
                sautikit.status(callId).ifPresent(details -> bookkeeping.recordCallDetails(ticket.attemptId(), details));
            }
            bookkeeping.finish(ticket.attemptId());
        } finally {
            completions.forget(ticket.attemptId());
        }
    }

    /** Whether a call exists for the attempt now, and its id when Sautikit said it. */
    private record Placement(boolean callExists, String callId) {
        static final Placement NONE = new Placement(false, null);
    }

    /** @return whether a call exists (its id, if known); when none does, the message has been dealt with */
    private Placement place(AttemptTicket ticket) {
        PlaceResult result = null;
        Instant giveUp = Instant.now().plus(settings.callHoldTimeout());
        while (result == null) {
            try {
                result = sautikit.place(ticket.callRequest());
            } catch (SautikitUnavailableException e) {
                // Still failing after the retries: an outage, not a blip. Hold every other order back (and say so
                // in readiness). This one keeps its slot: a request that got no answer may have created a call,
                // and the slot is held from the moment POST /v1/calls is sent. Same key each time.
                pause.pause("Sautikit unreachable: " + e.getMessage(), settings.pauseInterval());
                if (Instant.now().plus(settings.pauseInterval()).isAfter(giveUp)) {
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
            bookkeeping.placed(ticket.attemptId(), placed);
            return new Placement(true, placed.id());
        }
        if (result instanceof PlaceResult.AccountBlocked blocked) {
            pause.pause(blocked.reason(), settings.pauseInterval());
            bookkeeping.accountRefused(ticket.attemptId(), blocked);
            dialQueue.enqueue(ticket.paymentId(), ticket.attemptNo(), settings.pauseInterval());
            return Placement.NONE;
        }
        if (result instanceof PlaceResult.KeyAlreadyUsed) {
            // Sautikit keeps (key, body) for 24 h and our key is ours alone: the key was sent before with another
            // body (another node's APP_URL, after a takeover), so that request's call exists. A new key would dial
            // the payer twice; wait for its events instead (they carry our client_request_id and then its id).
            LOG.warning(() -> String.format("payment=%d attempt=%d: Sautikit answered idempotency.conflict to the re-sent "
                    + "request: the call exists; waiting for its events", ticket.paymentId(), ticket.attemptNo()));
            return new Placement(true, null);
        }
        PlaceResult.Refused refused = (PlaceResult.Refused) result;
        LOG.warning(() -> String.format("payment=%d attempt=%d to=%s: Sautikit refused the call: %d %s %s",
                ticket.paymentId(), ticket.attemptNo(), PhoneNumbers.mask(ticket.phone()), refused.status(),
                refused.code(), refused.message() == null ? "" : PhoneNumbers.maskAll(refused.message())));
        bookkeeping.refused(ticket.attemptId(), refused);
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
                bookkeeping.placed(ticket.attemptId(), placed);
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

    /** Waits for the terminal event, polling Sautikit with backoff in case events never come. */
    private void awaitEnd(AttemptTicket ticket, String callId, CompletableFuture<AttemptStatus> ended, Instant deadline) {
        if (bookkeeping.currentStatus(ticket.attemptId()).isTerminal()) {
            return;
        }
        Duration interval = settings.statusPollInterval();
        while (true) {
            Duration left = Duration.between(Instant.now(), deadline);
            if (left.isNegative() || left.isZero()) {
                break;
            }
            try {
                ended.get(Math.min(interval.toMillis(), left.toMillis()), TimeUnit.MILLISECONDS);
                return;
            } catch (TimeoutException e) {
                Optional<CallStatus> polled = callId == null ? Optional.empty() : sautikit.status(callId);
                if (polled.isPresent() && polled.get().status() != null && polled.get().status().isTerminal()) {
                    LOG.info(() -> String.format("payment=%d attempt=%d call_id=%s ended %s (learnt by polling)",
                            ticket.paymentId(), ticket.attemptNo(), callId, polled.get().rawStatus()));
                    bookkeeping.ended(ticket.attemptId(), polled.get());
                    return;
                }
                interval = interval.multipliedBy(2).compareTo(MAX_POLL_INTERVAL) > 0 ? MAX_POLL_INTERVAL : interval.multipliedBy(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("dialer interrupted while call " + callId + " was in flight", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException(e);
            }
        }
        LOG.warning(() -> String.format("payment=%d attempt=%d call_id=%s: no terminal status within %s; hanging up",
                ticket.paymentId(), ticket.attemptNo(), callId, settings.callHoldTimeout()));
        if (callId != null) {
            sautikit.hangup(callId);
        }
        bookkeeping.ended(ticket.attemptId(), new CallStatus(AttemptStatus.TIMED_OUT, "timed_out", "hold_timeout", null, null));
    }
}
