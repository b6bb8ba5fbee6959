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
import java.time.Instant;
import java.time.LocalDateTime;
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
        return transition;
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
    public void setPhone(String e164, String masked) { phoneE164 = e164; phoneMasked = masked; }
    public PaymentStatus getStatus() { return status; }
    public String getStatusReason() { return statusReason; }
    public int getAttempts() { return attempts; }
    public void setAttempts(int v) { attempts = v; updatedAt = Instant.now(); }
    public Long getRawCallbackId() { return rawCallbackId; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getUpdatedAt() { return updatedAt; }
}
