package ke.thibitisha.intake;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.time.Instant;

/** A request from Daraja exactly as it arrived, kept whatever we decided about it. */
@Entity
@Table(name = "raw_callback")
public class RawCallback {

    @Id
    // ids come 50 at a time from the sequence that intake's group insert also uses (V30, pooled-lo)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "raw_callback_seq")
    @SequenceGenerator(name = "raw_callback_seq", sequenceName = "raw_callback_seq", allocationSize = 50)
    private Long id;
    @Column(name = "received_at")
    private Instant receivedAt;
    private String shortcode;
    private String kind;
    @Column(name = "source_ip")
    private String sourceIp;
    @Column(name = "content_type")
    private String contentType;
    private String headers;
    private byte[] body;
    @Column(name = "body_truncated")
    private boolean bodyTruncated;
    @Column(name = "http_status")
    private Integer httpStatus;
    private String outcome;
    @Column(name = "payment_id")
    private Long paymentId;

    protected RawCallback() {
    }

    public RawCallback(InboundRequest request) {
        this.receivedAt = request.receivedAt();
        this.shortcode = request.shortcode();
        this.kind = request.kind().name();
        this.sourceIp = request.sourceIp();
        this.contentType = request.contentType() == null || request.contentType().length() <= 255 ? request.contentType()
                : request.contentType().substring(0, 255);
        this.headers = request.headers().length() > 4000 ? request.headers().substring(0, 4000) : request.headers();
        this.body = request.body();
        this.bodyTruncated = request.bodyTruncated();
    }

    public void decide(int status, String outcome, Long paymentId) {
        this.httpStatus = status;
        this.outcome = outcome.length() > 500 ? outcome.substring(0, 500) : outcome;
        this.paymentId = paymentId;
    }

    public Long getId() { return id; }
    public Instant getReceivedAt() { return receivedAt; }
    public String getKind() { return kind; }
    public String getSourceIp() { return sourceIp; }
    public Integer getHttpStatus() { return httpStatus; }
    public String getOutcome() { return outcome; }
    public byte[] getBody() { return body; }
    public String getShortcode() { return shortcode; }
    public Long getPaymentId() { return paymentId; }
}
