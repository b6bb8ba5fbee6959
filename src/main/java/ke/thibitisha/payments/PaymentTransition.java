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

import java.time.Instant;

/** One line of a payment's audit trail. */
@Entity
@Table(name = "payment_transition")
@NamedQuery(name = "PaymentTransition.ofPayment",
        query = "select t from PaymentTransition t where t.paymentId = :paymentId order by t.id")
public class PaymentTransition {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "payment_id")
    private Long paymentId;
    @Enumerated(EnumType.STRING)
    @Column(name = "from_status")
    private PaymentStatus fromStatus;
    @Enumerated(EnumType.STRING)
    @Column(name = "to_status")
    private PaymentStatus toStatus;
    private String cause;
    private Instant at;

    protected PaymentTransition() {
    }

    PaymentTransition(Long paymentId, PaymentStatus from, PaymentStatus to, String cause) {
        this.paymentId = paymentId;
        this.fromStatus = from;
        this.toStatus = to;
        this.cause = cause.length() > 500 ? cause.substring(0, 500) : cause;
        this.at = Instant.now();
    }

    public Long getPaymentId() { return paymentId; }
    public PaymentStatus getFromStatus() { return fromStatus; }
    public PaymentStatus getToStatus() { return toStatus; }
    public String getCause() { return cause; }
    public Instant getAt() { return at; }
}
