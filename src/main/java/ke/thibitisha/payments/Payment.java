package ke.thibitisha.payments;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Transient;
import jakarta.persistence.Version;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A payment M-Pesa told us about, and how far its confirmation call has come: the aggregate root of its call attempts.
 * Its status and theirs change only through the methods below, each named for what happened, each saying what must
 * happen next; {@link PaymentRepository#store} then writes the status changes to the audit trail.
 */
@Entity
@NamedQuery(name = "Payment.bySourceRef", query = "select p from Payment p where p.sourceRef = :ref")
public class Payment {

    @Id
    // ids come 50 at a time from the sequence that intake's group insert also uses (V30, pooled-lo)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "payment_seq")
    @SequenceGenerator(name = "payment_seq", sequenceName = "payment_seq", allocationSize = 50)
    private Long id;

    @Column(name = "public_id", nullable = false, unique = true)
    private String publicId;

    /** {@code stk:<CheckoutRequestID>} or {@code c2b:<TransID>}: unique, so a duplicate callback can't make a second payment. */
    @Column(name = "source_ref", nullable = false, unique = true)
    private String sourceRef;

    @Enumerated(EnumType.STRING)
    private PaymentKind kind;

    private String shortcode;
    @Column(name = "checkout_request_id")
    private String checkoutRequestId;
    @Column(name = "merchant_request_id")
    private String merchantRequestId;
    private String receipt;
    @Column(name = "result_code")
    private String resultCode;
    @Column(name = "result_desc")
    private String resultDesc;
    private BigDecimal amount;
    @Column(name = "transaction_time")
    private LocalDateTime transactionTime;
    @Column(name = "bill_ref")
    private String billRef;
    @Column(name = "phone_e164")
    private String phoneE164;
    @Column(name = "phone_masked")
    private String phoneMasked;
    /** The phone number while this payment counts toward its limit (contract §2 rule 13), else null: indexed. */
    @Column(name = "counted_phone")
    private String countedPhone;

    @Enumerated(EnumType.STRING)
    private PaymentStatus status;
    @Column(name = "status_reason")
    private String statusReason;
    private int attempts;
    @Column(name = "raw_callback_id")
    private Long rawCallbackId;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "updated_at")
    private Instant updatedAt;
    @Version
    private long version;

    protected Payment() {
    }

    public Payment(PaymentKind kind, String sourceRef, String shortcode, String resultCode, long rawCallbackId) {
        this.publicId = UUID.randomUUID().toString();
        this.kind = kind;
        this.sourceRef = sourceRef;
        this.shortcode = shortcode;
        this.resultCode = resultCode;
        this.rawCallbackId = rawCallbackId;
        this.status = PaymentStatus.RECEIVED;
        this.createdAt = Instant.now();
        this.updatedAt = createdAt;
    }

    /**
     * Applies a status change if the state machine allows it. Only the methods below call it (through {@link #move}),
     * and tests.
     *
     * @return the audit row to persist, or {@code null} when the move was refused
     */
    PaymentTransition moveTo(PaymentStatus next, String cause) {
        if (next == status) {
            return null;
        }
        if (!status.canMoveTo(next)) {
            return null;
        }
        PaymentTransition transition = new PaymentTransition(id, status, next, cause);
        status = next;
        statusReason = cause;
        updatedAt = Instant.now();
        countPhone();
        return transition;
    }

    /** A status change not yet written to the audit trail; {@link PaymentRepository#store} writes it (or logs the refusal). */
    record Move(PaymentStatus from, PaymentStatus to, String cause, PaymentTransition transition) {
        boolean refused() {
            return transition == null;
        }
    }

    @Transient
    private final List<Move> unrecorded = new ArrayList<>();

    /** Every status change of the methods below goes through here: {@link #moveTo}, remembered for the audit trail. */
    private boolean move(PaymentStatus next, String cause) {
        PaymentStatus before = status;
        if (before == next) {
            return true;
        }
        PaymentTransition transition = moveTo(next, cause);
        unrecorded.add(new Move(before, next, cause, transition));
        return transition != null;
    }

    /** The moves since the last call, oldest first; the list is then empty. */
    List<Move> drainMoves() {
        List<Move> moves = List.copyOf(unrecorded);
        unrecorded.clear();
        return moves;
    }

    /** A dial message to send: the attempt to place and how long the message waits in the queue. */
    public record DialOrder(Long paymentId, int attemptNo, Duration delay) {
    }

    // ---- verification (Daraja's STK Push Query)

    /**
     * Daraja confirmed the payment (or verification was switched off for its paybill).
     *
     * @return the first dial order, or empty when the payment is no longer waiting for Daraja (decided already, or
     * released by an operator)
     */
    public Optional<DialOrder> verified(String cause) {
        if (status != PaymentStatus.VERIFYING) {
            return Optional.empty();
        }
        move(PaymentStatus.QUEUED, cause);
        return Optional.of(new DialOrder(id, 1, Duration.ZERO));
    }

    /** Not paid according to Daraja, or no answer in time: never dialled unless an operator redials it. */
    public boolean unverified(String reason) {
        return status == PaymentStatus.VERIFYING && move(PaymentStatus.UNVERIFIED, reason);
    }

    // ---- dialling

    /**
     * A dial order for a new attempt arrived.
     *
     * @return the attempt to record before its request is sent, or empty when the payment waits for no call (settled,
     * or being dialled already)
     */
    public Optional<CallAttempt> dialling(int attemptNo) {
        if (status != PaymentStatus.QUEUED && status != PaymentStatus.RETRY_SCHEDULED) {
            return Optional.empty();
        }
        CallAttempt attempt = new CallAttempt(this, attemptNo);
        attempts = attemptNo;
        updatedAt = Instant.now();
        move(PaymentStatus.DIALING, "dialling, attempt " + attemptNo);
        return Optional.of(attempt);
    }

    /** What a dial order for an attempt that exists already (a redelivered message, or one after a pause) does. */
    public enum Resumed {
        /** The call ended while nobody held the order (a crash): only settle the payment ({@link #attemptEnded}). */
        ALREADY_ENDED,
        /** An operator redialled while this order waited: the newer attempt carries the payment, this one is canceled. */
        SUPERSEDED,
        /** Place (or keep watching) the call. */
        RESUMED
    }

    public Resumed resume(CallAttempt attempt) {
        requireOwn(attempt);
        if (attempt.getStatus().isTerminal()) {
            return Resumed.ALREADY_ENDED;
        }
        if (attempt.getAttemptNo() != attempts && attempt.getStatus() == AttemptStatus.REQUESTED) {
            // never placed (see CallPlacer.place): placing it now would ring the payer twice
            attempt.setFailureReason("superseded by attempt " + attempts);
            attempt.advanceTo(AttemptStatus.CANCELED);
            return Resumed.SUPERSEDED;
        }
        if (status == PaymentStatus.QUEUED) {
            move(PaymentStatus.DIALING, "dialling, attempt " + attempt.getAttemptNo() + " (after a pause)");
        }
        return Resumed.RESUMED;
    }

    /** Sautikit created the call. */
    public void placed(CallAttempt attempt, String callId, String sessionId) {
        requireOwn(attempt);
        attempt.setSautikitIds(callId, sessionId);
        attempt.advanceTo(AttemptStatus.RINGING);
    }

    /**
     * Nothing was dialled because of the account (empty wallet, key revoked, workspace suspended, number not owned):
     * the payment is queued again and its attempt waits for dialling to resume, with a fresh key.
     */
    public void accountRefused(CallAttempt attempt, String reason, String code) {
        requireOwn(attempt);
        move(PaymentStatus.QUEUED, reason + ": dialling paused, call kept queued");
        attempt.setErrorCode(code);
        attempt.renewKeyAfterWalletRefusal();
    }

    /**
     * Sautikit refused this call for good (a 4xx about the call itself).
     *
     * @return whether the attempt ended now (the slot waiting on it can be released)
     */
    public boolean refused(CallAttempt attempt, int httpStatus, String code) {
        requireOwn(attempt);
        attempt.setErrorCode(code);
        boolean ended = attempt.advanceTo(AttemptStatus.REFUSED);
        move(PaymentStatus.FAILED, "Sautikit refused the call: " + httpStatus + " " + code);
        return ended;
    }

    /**
     * The dialer learnt the call's state by polling (events may never come) or gave up at the hold timeout.
     *
     * @return whether the attempt ended now
     */
    public boolean callPolled(CallAttempt attempt, AttemptStatus polled, String failureCode) {
        requireOwn(attempt);
        if (polled == null || !attempt.advanceTo(polled)) {
            return false;
        }
        if (failureCode != null) {
            attempt.setFailureReason(failureCode);
        }
        return true;
    }

    /**
     * A Sautikit call event: moves the attempt forward (never back) and, for {@code call.answered}, the payment.
     *
     * @return whether the attempt moved
     */
    public boolean callEvent(CallAttempt attempt, AttemptStatus next, String callId, Integer durationSeconds,
                             String failureReason) {
        requireOwn(attempt);
        if (learnsIds(attempt, callId)) {
            // found by our client_request_id before the answer to POST /v1/calls was stored (or that answer was
            // an idempotency conflict): the dialer can now poll and hang up by this id
            attempt.setSautikitIds(callId, null);
        }
        if (!attempt.advanceTo(next)) {
            return false;
        }
        if (durationSeconds != null) {
            attempt.setDurationSeconds(durationSeconds);
        }
        if (failureReason != null) {
            attempt.setFailureReason(failureReason);
        }
        if (next == AttemptStatus.ANSWERED) {
            latestAnswered(attempt.getAttemptNo(), "call " + callId + " answered");
        }
        return true;
    }

    /**
     * Whether {@link #callEvent} would change nothing: the attempt is at or past the event's status and already knows
     * its Sautikit ids. Statuses only move forward and ids are never cleared, so this stays true once true: an
     * answer read without the payment's lock holds, and such an event needs neither the lock nor a write.
     */
    public static boolean callEventChangesNothing(CallAttempt attempt, AttemptStatus next, String callId) {
        return !attempt.getStatus().canAdvanceTo(next) && !learnsIds(attempt, callId);
    }

    private static boolean learnsIds(CallAttempt attempt, String callId) {
        return attempt.getCallId() == null && attempt.getSessionId() == null && callId != null;
    }

    /** What an ended attempt means for its payment. */
    public enum AfterAttempt {
        /** Not this attempt's to decide: an older attempt, a settled payment, or a refusal already dealt with. */
        NOTHING,
        /** The payer heard the call and chose nothing. */
        NO_RESPONSE,
        /** Busy, no answer, failed: dial again after the retry delay ({@link #redialAfter}). */
        REDIAL,
        /** Unreached and no attempts left: tell whoever is notified of unreached payments. */
        UNREACHED
    }

    /** Where a key press still counts: the call is live, or its end (or a late event) got here first. */
    private static final Set<PaymentStatus> KEY_PRESS_COUNTS = EnumSet.of(PaymentStatus.DIALING, PaymentStatus.ANSWERED,
            PaymentStatus.RETRY_SCHEDULED, PaymentStatus.NO_RESPONSE, PaymentStatus.UNREACHED,
            PaymentStatus.ACKNOWLEDGED, PaymentStatus.ESCALATED);

    /**
     * Settles the payment the way its ended attempt says. Only the latest attempt decides the payment's fate: an
     * older one that ends late (an operator redialled while its order waited) must not settle over the newer call.
     */
    public AfterAttempt attemptEnded(CallAttempt attempt, int maxAttempts, Duration retryDelay) {
        requireOwn(attempt);
        AttemptStatus ended = attempt.getStatus();
        AfterAttempt after = afterAttempt(attempt.getAttemptNo(), ended, maxAttempts);
        String why = "attempt " + attempt.getAttemptNo() + " " + ended.name().toLowerCase()
                + (attempt.getFailureReason() == null ? "" : " (" + attempt.getFailureReason() + ")");
        switch (after) {
            case NO_RESPONSE -> move(PaymentStatus.NO_RESPONSE, "call completed without a choice");
            case REDIAL -> move(PaymentStatus.RETRY_SCHEDULED, why + ", redial in " + retryDelay.toSeconds() + " s");
            case UNREACHED -> move(PaymentStatus.UNREACHED, why + ", no attempts left");
            case NOTHING -> {
            }
        }
        return after;
    }

    /** The order for the next attempt after {@link AfterAttempt#REDIAL}. */
    public DialOrder redialAfter(Duration retryDelay) {
        return new DialOrder(id, attempts + 1, retryDelay);
    }

    private AfterAttempt afterAttempt(int attemptNo, AttemptStatus ended, int maxAttempts) {
        boolean live = status == PaymentStatus.DIALING || status == PaymentStatus.ANSWERED;
        if (attemptNo != attempts || !live || !ended.isTerminal()) {
            return AfterAttempt.NOTHING;
        }
        if (ended == AttemptStatus.COMPLETED) {
            return AfterAttempt.NO_RESPONSE;
        }
        if (!ended.isUnreached()) {
            return AfterAttempt.NOTHING;
        }
        return attemptNo < maxAttempts ? AfterAttempt.REDIAL : AfterAttempt.UNREACHED;
    }

    // ---- the voice callback

    /**
     * The call of an attempt was answered (the voice callback or {@code call.answered}, whichever comes first); the
     * payment moves to ANSWERED if it was dialling that attempt.
     *
     * @return whether the attempt moved
     */
    public boolean answered(CallAttempt attempt, String cause) {
        requireOwn(attempt);
        if (!attempt.advanceTo(AttemptStatus.ANSWERED)) {
            return false;
        }
        latestAnswered(attempt.getAttemptNo(), cause);
        return true;
    }

    /** The rule "DIALING then ANSWERED", once: only for the latest attempt. */
    private void latestAnswered(int attemptNo, String cause) {
        if (status == PaymentStatus.DIALING && attemptNo == attempts) {
            move(PaymentStatus.ANSWERED, cause);
        }
    }

    /**
     * The payer's keys on the voice callback. Contract §4: a key press (1 or 2) for the payment's latest attempt
     * counts whenever it reaches us, also after {@code call.completed} settled the payment; a later press on the
     * same call wins.
     *
     * @param agentNumberKnown whether pressing 2 puts the payer through to an agent (only for the audit trail)
     * @return the outcome the press stands for (the payment is there now), or empty when it does not count
     */
    public Optional<PaymentStatus> pressed(CallAttempt attempt, String keys, boolean agentNumberKnown) {
        requireOwn(attempt);
        Optional<PaymentStatus> outcome = keyPressOutcome(attempt.getAttemptNo(), keys);
        if (!keys.isEmpty() && (outcome.isPresent() || !attempt.getStatus().isTerminal())) {
            attempt.setDigits(keys.length() > 16 ? keys.substring(0, 16) : keys);
        }
        if (outcome.isEmpty()) {
            return outcome;
        }
        if (outcome.get() == PaymentStatus.ACKNOWLEDGED) {
            move(PaymentStatus.ACKNOWLEDGED, "payer pressed 1 on call " + attempt.getCallId());
        } else {
            move(PaymentStatus.ESCALATED, "payer pressed 2 on call " + attempt.getCallId()
                    + (agentNumberKnown ? ", dialling the agent" : ", no agent number: call back promised"));
        }
        return outcome;
    }

    private Optional<PaymentStatus> keyPressOutcome(int attemptNo, String digit) {
        PaymentStatus outcome = "1".equals(digit) ? PaymentStatus.ACKNOWLEDGED
                : "2".equals(digit) ? PaymentStatus.ESCALATED : null;
        if (outcome == null || attemptNo != attempts || !KEY_PRESS_COUNTS.contains(status)) {
            return Optional.empty();
        }
        return Optional.of(outcome);
    }

    /** Whether the voice callback has nothing left to say on this call: it ended, or the payer's choice is made. */
    public boolean callIsOver(CallAttempt attempt) {
        requireOwn(attempt);
        return attempt.getStatus().isTerminal() || status == PaymentStatus.ACKNOWLEDGED
                || status == PaymentStatus.ESCALATED || status == PaymentStatus.NO_RESPONSE;
    }

    /** What the voice callback plays when the payer chose nothing (yet). */
    public enum Prompt {
        FIRST_PLAY, REPEAT,
        /** Played twice already: the payment is NO_RESPONSE and the call ends. */
        GIVE_UP
    }

    /** No key, or another key than 1 or 2: the prompt is played once more, then the call ends without a choice. */
    public Prompt prompted(CallAttempt attempt, String keys) {
        requireOwn(attempt);
        int played = attempt.getPromptsPlayed();
        if (played < 2) {
            attempt.setPromptsPlayed(played + 1);
            return played == 0 ? Prompt.FIRST_PLAY : Prompt.REPEAT;
        }
        move(PaymentStatus.NO_RESPONSE, "no choice after the prompt was repeated"
                + (keys.isEmpty() ? "" : " (pressed " + keys + ")"));
        return Prompt.GIVE_UP;
    }

    // ---- an operator's redial

    /** An operator's redial: the order to send, or why there is none. */
    public record Redial(Optional<DialOrder> order, Optional<String> refusal) {
        static Redial refused(String why) {
            return new Redial(Optional.empty(), Optional.of(why));
        }

        static Redial ordered(DialOrder order) {
            return new Redial(Optional.of(order), Optional.empty());
        }
    }

    /**
     * A new attempt for a payment that is not being dialled right now: settled, or stuck (it has not moved for longer
     * than a call may be held, its order dead-lettered, say).
     */
    public Redial redial(String operator, Instant now, Duration holdTimeout) {
        if (phoneE164 == null) {
            return Redial.refused("payment " + id + " has no number we may dial (" + statusReason + ")");
        }
        if (!mayBeRedialled(now, holdTimeout)) {
            return Redial.refused("payment " + id + " is " + status + " and cannot be redialled now");
        }
        if (status == PaymentStatus.QUEUED) {
            // recorded also for a payment that stays QUEUED: a second click within the hold timeout then finds it no
            // longer stuck and orders nothing (two orders would hand one attempt to two dialers)
            updatedAt = now;
        } else {
            move(PaymentStatus.QUEUED, "redial requested by " + operator);
        }
        return Redial.ordered(new DialOrder(id, attempts + 1, Duration.ZERO));
    }

    private boolean mayBeRedialled(Instant now, Duration holdTimeout) {
        boolean stuck = !status.isFinal() && updatedAt.isBefore(now.minus(holdTimeout));
        return status.canMoveTo(PaymentStatus.QUEUED) || stuck;
    }

    /** A child of another payment here would change the wrong aggregate. */
    private void requireOwn(CallAttempt attempt) {
        if (!Objects.equals(attempt.getPaymentId(), id)) {
            throw new IllegalArgumentException("attempt " + attempt.getId() + " belongs to payment "
                    + attempt.getPaymentId() + ", not " + id);
        }
    }

    public Long getId() { return id; }
    public String getPublicId() { return publicId; }
    public String getSourceRef() { return sourceRef; }
    public PaymentKind getKind() { return kind; }
    public String getShortcode() { return shortcode; }
    public String getCheckoutRequestId() { return checkoutRequestId; }
    public String getMerchantRequestId() { return merchantRequestId; }
    public String getReceipt() { return receipt; }
    public String getResultCode() { return resultCode; }
    public String getResultDesc() { return resultDesc; }
    public BigDecimal getAmount() { return amount; }
    public LocalDateTime getTransactionTime() { return transactionTime; }
    public String getBillRef() { return billRef; }
    public String getPhoneE164() { return phoneE164; }
    public String getPhoneMasked() { return phoneMasked; }
    void setPhone(String e164, String masked) { phoneE164 = e164; phoneMasked = masked; countPhone(); }

    /** The number this payment counts against today (contract §2 rule 13), or null while it does not count. */
    String countedPhone() {
        return countedPhone;
    }

    private void countPhone() {
        countedPhone = status.countsTowardNumberLimit() ? phoneE164 : null;
    }
    public PaymentStatus getStatus() { return status; }
    public String getStatusReason() { return statusReason; }
    public int getAttempts() { return attempts; }
    public Long getRawCallbackId() { return rawCallbackId; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getUpdatedAt() { return updatedAt; }
}
