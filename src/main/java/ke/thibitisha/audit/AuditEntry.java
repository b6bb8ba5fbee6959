package ke.thibitisha.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One operator action: who, what, on which payment or entry, when. Never changed once written. */
@Entity
@Table(name = "operator_audit")
public class AuditEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private Instant at;
    private String operator;
    @Enumerated(EnumType.STRING)
    private OperatorAction action;
    @Column(name = "entity_type")
    private String entityType;
    @Column(name = "entity_id")
    private String entityId;
    @Column(name = "payment_id")
    private Long paymentId;
    private String detail;

    protected AuditEntry() {
    }

    AuditEntry(String operator, OperatorAction action, String entityType, String entityId, Long paymentId,
               String detail) {
        this.at = Instant.now();
        this.operator = clip(operator, 128);
        this.action = action;
        this.entityType = entityType;
        this.entityId = clip(entityId, 80);
        this.paymentId = paymentId;
        this.detail = clip(detail, 500);
    }

    private static String clip(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }

    public Long getId() { return id; }
    public Instant getAt() { return at; }
    public String getOperator() { return operator; }
    public OperatorAction getAction() { return action; }
    public String getEntityType() { return entityType; }
    public String getEntityId() { return entityId; }
    public Long getPaymentId() { return paymentId; }
    public String getDetail() { return detail; }
}
