package ke.thibitisha.audit;

import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.util.logging.Logger;

/**
 * Records operator actions in the database (table {@code operator_audit}, in the caller's transaction, so an
 * action and its record commit together) and in WildFly's operator audit log: the logger {@value #LOG_NAME},
 * which configure.cli sends to its own file, {@code standalone/log/operator-audit.log}.
 * Who: the caller the container authenticated, never a name the request claims.
 */
@Stateless
public class AuditTrail {

    static final String LOG_NAME = "thibitisha.audit";
    /** What an entry is about ({@code entity_type}). */
    public static final String PAYMENT = "payment";
    public static final String CUSTOMER = "customer";
    public static final String RAW_CALLBACK = "raw_callback";
    public static final String DEAD_LETTER_QUEUE = "dead_letter_queue";

    private static final Logger LOG = Logger.getLogger(LOG_NAME);

    @Inject
    AuditRepository entries;
    @Resource
    SessionContext session;
    @Resource
    TransactionSynchronizationRegistry transactions;

    public void record(OperatorAction action, String entityType, String entityId, Long paymentId, String detail) {
        AuditEntry entry = new AuditEntry(session.getCallerPrincipal().getName(), action, entityType, entityId,
                paymentId, detail);
        entries.add(entry);
        // the log line tells what became of it: an action whose transaction rolled back did not happen
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                LOG.info(() -> logLine(entry, status == Status.STATUS_COMMITTED ? "committed" : "rolled-back"));
            }
        });
    }

    static String logLine(AuditEntry e, String outcome) {
        StringBuilder line = new StringBuilder("operator=").append(e.getOperator())
                .append(" action=").append(e.getAction())
                .append(' ').append(e.getEntityType()).append('=').append(shown(e));
        if (e.getPaymentId() != null && !PAYMENT.equals(e.getEntityType())) {
            line.append(" payment=").append(e.getPaymentId());
        }
        if (e.getDetail() != null) {
            line.append(" detail=\"").append(e.getDetail().replace('"', '\'')).append('"');
        }
        return line.append(' ').append(outcome).toString();
    }

    /** A customer entry is keyed by the payer's account number (often an ID or phone number): masked in the log. */
    private static String shown(AuditEntry e) {
        String id = e.getEntityId();
        if (id == null) {
            return "-";
        }
        if (!CUSTOMER.equals(e.getEntityType())) {
            return id;
        }
        return id.length() <= 3 ? "***" : "****" + id.substring(id.length() - 3);
    }
}
