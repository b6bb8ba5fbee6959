package ke.thibitisha.payments;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;

/** One outbound call placed (or about to be placed) for a payment. */
@Entity
@Table(name = "call_attempt")
@NamedQuery(name = "CallAttempt.ofPayment",
        query = "select a from CallAttempt a where a.paymentId = :paymentId order by a.attemptNo")
@NamedQuery(name = "CallAttempt.byNumber",
        query = "select a from CallAttempt a where a.paymentId = :paymentId and a.attemptNo = :attemptNo")
public class CallAttempt {

    private static final SecureRandom RANDOM = new SecureRandom();
    /** How our Idempotency-Keys (and client_request_ids) begin. */
    public static final String KEY_PREFIX = "thb-";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "payment_id")
    private Long paymentId;
    @Column(name = "attempt_no")
    private int attemptNo;
    /** Sent as Idempotency-Key and client_request_id: the same for every retry of this attempt's request. */
    @Column(name = "idempotency_key")
    private String idempotencyKey;
    /** The unguessable path segment of this call's voice callback URL. */
    @Column(name = "call_ref")
    private String callRef;
    @Column(name = "call_id")
    private String callId;
    @Column(name = "session_id")
    private String sessionId;
    @Enumerated(EnumType.STRING)
    private AttemptStatus status;
    @Column(name = "error_code")
    private String errorCode;
    @Column(name = "failure_reason")
    private String failureReason;
    private String digits;
    @Column(name = "prompts_played")
    private int promptsPlayed;
    @Column(name = "requested_at")
    private Instant requestedAt;
    @Column(name = "answered_at")
    private Instant answeredAt;
    @Column(name = "ended_at")
    private Instant endedAt;
    @Column(name = "duration_seconds")
    private Integer durationSeconds;
    @Column(name = "cost_minor")
    private Long costMinor;
    @Version
    private long version;

    protected CallAttempt() {
    }

    CallAttempt(Payment payment, int attemptNo) {
        this.paymentId = payment.getId();
        this.attemptNo = attemptNo;
        this.idempotencyKey = KEY_PREFIX + payment.getPublicId() + "-" + attemptNo;
        this.callRef = newCallRef();
        this.status = AttemptStatus.REQUESTED;
        this.requestedAt = Instant.now();
    }

    private static String newCallRef() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Moves forward only; returns false (and changes nothing) for a backwards or repeated move. */
    boolean advanceTo(AttemptStatus next) {
        if (!status.canAdvanceTo(next)) {
            return false;
        }
        status = next;
        Instant now = Instant.now();
        if (next == AttemptStatus.ANSWERED && answeredAt == null) {
            answeredAt = now;
        }
        if (next.isTerminal() && endedAt == null) {
            endedAt = now;
        }
        return true;
    }

    /**
     * Sautikit refused to dial because of the account (an empty wallet, say): nothing was placed, so the next try may
     * not reuse a key whose (error) answer Sautikit may have cached. The n-th refusal ends the key in {@code -wn}.
     */
    void renewKeyAfterWalletRefusal() {
        String key = idempotencyKey;
        int refusals = key.matches(".*-w\\d+$") ? Integer.parseInt(key.substring(key.lastIndexOf("-w") + 2)) + 1 : 1;
        idempotencyKey = key.replaceFirst("-w\\d+$", "") + "-w" + refusals;
    }

    /** What Sautikit's call record says the call cost and lasted; fields it left out change nothing. */
    public void recordDetails(Long costMinor, Integer durationSeconds) {
        if (costMinor != null) {
            this.costMinor = costMinor;
        }
        if (durationSeconds != null) {
            this.durationSeconds = durationSeconds;
        }
    }

    public Long getId() { return id; }
    public Long getPaymentId() { return paymentId; }
    public int getAttemptNo() { return attemptNo; }
    public String getIdempotencyKey() { return idempotencyKey; }
    public String getCallRef() { return callRef; }
    public String getCallId() { return callId; }
    public String getSessionId() { return sessionId; }
    void setSautikitIds(String callId, String sessionId) { this.callId = callId; this.sessionId = sessionId; }
    public AttemptStatus getStatus() { return status; }
    public String getErrorCode() { return errorCode; }
    void setErrorCode(String v) { errorCode = v; }
    public String getFailureReason() { return failureReason; }
    void setFailureReason(String v) { failureReason = v; }
    public String getDigits() { return digits; }
    void setDigits(String v) { digits = v; }
    public int getPromptsPlayed() { return promptsPlayed; }
    void setPromptsPlayed(int v) { promptsPlayed = v; }
    public Instant getRequestedAt() { return requestedAt; }
    public Instant getAnsweredAt() { return answeredAt; }
    public Instant getEndedAt() { return endedAt; }
    public Integer getDurationSeconds() { return durationSeconds; }
    void setDurationSeconds(Integer v) { durationSeconds = v; }
    public Long getCostMinor() { return costMinor; }
}
