package ke.thibitisha.events;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import ke.thibitisha.payments.AttemptStatus;
import ke.thibitisha.payments.CallAttempt;
import ke.thibitisha.payments.Payment;
import ke.thibitisha.payments.PaymentRepository;

import java.util.Optional;
import java.util.logging.Logger;

/**
 * Applies a verified Sautikit event exactly once: de-duplicated on {@code event_id}, never moving backwards. An
 * event that changes nothing (a {@code call.started} after the answer, say) is only logged: no lock, no write.
 */
@Stateless
public class EventService {

    private static final Logger LOG = Logger.getLogger(EventService.class.getName());

    @PersistenceContext
    EntityManager em;
    @Inject
    PaymentRepository payments;

    /** An event that ended a call: once committed, the dialer waiting on that attempt can let go of its slot. */
    public record Ended(long attemptId, AttemptStatus status) {
    }

    /**
     * @throws CallNotRecordedYet when the event may be for one of our calls whose id is not stored yet (the answer
     *                            to {@code POST /v1/calls} is still on its way): nothing is recorded, so that
     *                            Sautikit's next delivery of it is applied
     */
    public Optional<Ended> apply(SautikitEvent event) {
        if (alreadyApplied(event.eventId())) {
            LOG.fine(() -> "event " + event.eventId() + " already applied");
            return Optional.empty();
        }
        Optional<AttemptStatus> next = statusOf(event);
        if (next.isEmpty()) {
            record(event, null, "kind not used");
            return Optional.empty();
        }
        Optional<PaymentRepository.AttemptKey> key = attemptOf(event);
        if (key.isEmpty()) {
            if (mayBeOurs(event)) {
                throw new CallNotRecordedYet(event);
            }
            LOG.warning(() -> "event " + event.eventId() + " " + event.kind() + " for unknown call " + event.callId());
            record(event, null, "unknown call");
            return Optional.empty();
        }
        CallAttempt current = payments.peek(key.get());
        if (Payment.callEventChangesNothing(current, next.get(), event.callId())) {
            // no lock and no row: an event that changes nothing needs no de-duplication when Sautikit sends it again
            logEffect(event, current, ignored(current));
            return Optional.empty();
        }
        PaymentRepository.Locked locked = payments.lock(key.get());
        CallAttempt attempt = locked.attempt();
        boolean moved = locked.payment().callEvent(attempt, next.get(), event.callId(), event.durationSeconds(),
                event.failureReason());
        payments.store(locked.payment());
        String effect = moved ? "attempt " + attempt.getId() + " -> " + next.get() : ignored(attempt);
        logEffect(event, attempt, effect);
        record(event, attempt.getId(), effect);
        if (moved && next.get().isTerminal()) {
            return Optional.of(new Ended(attempt.getId(), next.get()));
        }
        return Optional.empty();
    }

    private static String ignored(CallAttempt attempt) {
        return "ignored: attempt " + attempt.getId() + " already " + attempt.getStatus();
    }

    private static void logEffect(SautikitEvent event, CallAttempt attempt, String effect) {
        LOG.info(() -> String.format("payment=%d attempt=%d call_id=%s event %s %s: %s", attempt.getPaymentId(),
                attempt.getAttemptNo(), event.callId(), event.kind(), event.eventId(), effect));
    }

    public boolean alreadyApplied(String eventId) {
        return em.find(CallEvent.class, eventId) != null;
    }

    /**
     * An event we cannot place may still be for one of our calls: its client_request_id is one of our keys, or
     * some attempt has been requested and its call id is not stored yet.
     */
    private boolean mayBeOurs(SautikitEvent event) {
        if (event.clientRequestId() != null && event.clientRequestId().startsWith(CallAttempt.KEY_PREFIX)) {
            return true;
        }
        return payments.anAttemptAwaitsItsCallId();
    }

    private void record(SautikitEvent event, Long attemptId, String effect) {
        em.persist(new CallEvent(event, attemptId, effect));
        em.flush(); // a concurrent duplicate fails here, on the event_id key, and changes nothing
    }

    private Optional<PaymentRepository.AttemptKey> attemptOf(SautikitEvent event) {
        Optional<PaymentRepository.AttemptKey> byCallId = event.callId() == null ? Optional.empty()
                : payments.attemptBySautikitId(event.callId());
        return byCallId.isPresent() || event.clientRequestId() == null ? byCallId
                : payments.attemptBySautikitId(event.clientRequestId());
    }

    /** Busy and no answer come either as their own status or as {@code failed} with a {@code failure_reason}. */
    static Optional<AttemptStatus> statusOf(SautikitEvent event) {
        return switch (event.kind()) {
            case "call.started" -> Optional.of(AttemptStatus.RINGING);
            case "call.answered" -> Optional.of(AttemptStatus.ANSWERED);
            case "call.completed" -> Optional.of(AttemptStatus.COMPLETED);
            case "call.failed" -> AttemptStatus.fromSautikit(event.failureReason())
                    .filter(AttemptStatus::isTerminal)
                    .or(() -> AttemptStatus.fromSautikit(event.status()).filter(AttemptStatus::isTerminal))
                    .or(() -> Optional.of(AttemptStatus.FAILED));
            default -> Optional.empty();
        };
    }
}
