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
import jakarta.persistence.Version;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** A payment M-Pesa told us about, and how far its confirmation call has come. */
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
     * Applies a status change if the state machine allows it.
     *
     * @return the audit row to persist, or {@code null} when the move was refused (the caller logs it)
     */
    public PaymentTransition moveTo(PaymentStatus next, String cause) {
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

    /** What an ended attempt means for its payment. */
    public enum AfterAttempt {
        /** Not this attempt's to decide: an older attempt, a settled payment, or a refusal already dealt with. */
        NOTHING,
        /** The payer heard the call and chose nothing. */
        NO_RESPONSE,
        /** Busy, no answer, failed: dial again after the retry delay. */
        REDIAL,
        /** Unreached and no attempts left. */
        UNREACHED
    }

    /** Where a key press still counts: the call is live, or its end (or a late event) got here first. */
    private static final Set<PaymentStatus> KEY_PRESS_COUNTS = EnumSet.of(PaymentStatus.DIALING, PaymentStatus.ANSWERED,
            PaymentStatus.RETRY_SCHEDULED, PaymentStatus.NO_RESPONSE, PaymentStatus.UNREACHED,
            PaymentStatus.ACKNOWLEDGED, PaymentStatus.ESCALATED);

    /**
     * Only the latest attempt decides the payment's fate: an older one that ends late (an operator redialled
     * while its order waited) must not settle over the newer call.
     */
    public AfterAttempt attemptEnded(int attemptNo, AttemptStatus ended, int maxAttempts) {
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

    /**
     * The call of an attempt was answered (the voice callback or {@code call.answered}, whichever comes first).
     *
     * @return ANSWERED when the payment moves there: it was dialling that attempt
     */
    public Optional<PaymentStatus> answered(int attemptNo) {
        return status == PaymentStatus.DIALING && attemptNo == attempts ? Optional.of(PaymentStatus.ANSWERED) : Optional.empty();
    }

    /**
     * Contract §4: a key press (1 or 2) for the payment's latest attempt counts whenever it reaches us, also after
     * {@code call.completed} settled the payment; a later press on the same call wins.
     *
     * @return the outcome the press stands for, or empty when it does not count
     */
    public Optional<PaymentStatus> pressed(int attemptNo, String digit) {
        PaymentStatus outcome = "1".equals(digit) ? PaymentStatus.ACKNOWLEDGED
                : "2".equals(digit) ? PaymentStatus.ESCALATED : null;
        if (outcome == null || attemptNo != attempts || !KEY_PRESS_COUNTS.contains(status)) {
            return Optional.empty();
        }
        return Optional.of(outcome);
    }

    /**
     * An operator may redial a settled payment, or one that has not moved for longer than a call may be held (its
     * order dead-lettered, say): then it is stuck.
     */
    public boolean mayBeRedialled(Instant now, Duration holdTimeout) {
        boolean stuck = !status.isFinal() && updatedAt.isBefore(now.minus(holdTimeout));
        return status.canMoveTo(PaymentStatus.QUEUED) || stuck;
    }

    /**
     * Records that a redial was ordered, also for a payment that stays QUEUED: a second click within the hold
     * timeout then finds it no longer stuck and orders nothing (two orders would hand one attempt to two dialers).
     */
    public void redialOrdered(Instant now) {
        updatedAt = now;
    }

    public Long getId() { return id; }
    public String getPublicId() { return publicId; }
    public String getSourceRef() { return sourceRef; }
    public PaymentKind getKind() { return kind; }
    public String getShortcode() { return shortcode; }
    public String getCheckoutRequestId() { return checkoutRequestId; }
    public void setCheckoutRequestId(String v) { checkoutRequestId = v; }
    public String getMerchantRequestId() { return merchantRequestId; }
    public void setMerchantRequestId(String v) { merchantRequestId = v; }
    public String getReceipt() { return receipt; }
    public void setReceipt(String v) { receipt = v; }
    public String getResultCode() { return resultCode; }
    public String getResultDesc() { return resultDesc; }
    public void setResultDesc(String v) { resultDesc = v; }
    public BigDecimal getAmount() { return amount; }
    public void setAmount(BigDecimal v) { amount = v; }
    public LocalDateTime getTransactionTime() { return transactionTime; }
    public void setTransactionTime(LocalDateTime v) { transactionTime = v; }
    public String getBillRef() { return billRef; }
    public void setBillRef(String v) { billRef = v; }
    public String getPhoneE164() { return phoneE164; }
    public String getPhoneMasked() { return phoneMasked; }
    public void setPhone(String e164, String masked) { phoneE164 = e164; phoneMasked = masked; countPhone(); }

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
    public void setAttempts(int v) { attempts = v; updatedAt = Instant.now(); }
    public Long getRawCallbackId() { return rawCallbackId; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getUpdatedAt() { return updatedAt; }
}
