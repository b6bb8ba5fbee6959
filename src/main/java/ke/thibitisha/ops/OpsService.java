package ke.thibitisha.ops;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import ke.thibitisha.audit.AuditTrail;
import ke.thibitisha.audit.OperatorAction;
import ke.thibitisha.dialer.DialQueue;
import ke.thibitisha.intake.RawCallback;
import ke.thibitisha.payments.Payment;
import ke.thibitisha.payments.PaymentLedger;
import ke.thibitisha.payments.PaymentStatus;
import ke.thibitisha.platform.Settings;

import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;

import static ke.thibitisha.platform.JsonProviders.JSON;

/** Reads and the few writes of the operations API. */
@Stateless
public class OpsService {

    @PersistenceContext
    EntityManager em;
    @Inject
    PaymentLedger ledger;
    @Inject
    DialQueue dialQueue;
    @Inject
    Settings settings;
    @Inject
    AuditTrail audit;

    /** {@code phoneEnding}: the last digits of the payer's number (an operator's "the one ending 4149"). */
    public JsonArrayBuilder list(Optional<PaymentStatus> status, Optional<Instant> since, Optional<String> phoneEnding,
                                 int limit, int offset) {
        StringBuilder jpql = new StringBuilder("select p from Payment p where 1 = 1");
        status.ifPresent(s -> jpql.append(" and p.status = :status"));
        since.ifPresent(s -> jpql.append(" and p.createdAt >= :since"));
        phoneEnding.ifPresent(s -> jpql.append(" and p.phoneE164 like :phone"));
        jpql.append(" order by p.createdAt desc, p.id desc");
        TypedQuery<Payment> query = em.createQuery(jpql.toString(), Payment.class);
        status.ifPresent(s -> query.setParameter("status", s));
        since.ifPresent(s -> query.setParameter("since", s));
        phoneEnding.ifPresent(s -> query.setParameter("phone", "%" + s));
        JsonArrayBuilder items = JSON.createArrayBuilder();
        query.setFirstResult(offset).setMaxResults(limit).getResultList()
                .forEach(p -> items.add(PaymentViews.summary(p)));
        return items;
    }

    /** By database id, M-Pesa receipt, or CheckoutRequestID. */
    public Optional<Payment> find(String ref) {
        if (ref.matches("\\d{1,18}")) {
            Payment byId = em.find(Payment.class, Long.parseLong(ref));
            if (byId != null) {
                return Optional.of(byId);
            }
        }
        // one indexed look-up per column: H2 scans the whole table for "receipt = :ref or checkoutRequestId = :ref"
        return Stream.of("receipt", "checkoutRequestId", "publicId")
                .map(column -> em.createQuery("select p from Payment p where p." + column + " = :ref order by p.id",
                        Payment.class).setParameter("ref", ref).setMaxResults(1).getResultList())
                .filter(found -> !found.isEmpty())
                .map(found -> found.get(0))
                .findFirst();
    }

    public Optional<JsonObject> story(String ref) {
        return find(ref).map(p -> PaymentViews.story(p, em.find(RawCallback.class, p.getRawCallbackId()),
                ledger.attempts(p.getId()), ledger.trail(p.getId())));
    }

    /**
     * A new attempt for a payment that is not being dialled right now; the reason it can't be, otherwise.
     * Audited either way, in the same transaction.
     */
    public Optional<String> redial(Payment detached, String operator) {
        Payment payment = ledger.lockPayment(detached.getId()).orElseThrow();
        Payment.Redial redial = payment.redial(operator, Instant.now(), settings.callHoldTimeout());
        redial.order().ifPresent(dialQueue::enqueue);
        ledger.store(payment);
        audit.record(OperatorAction.REDIAL, AuditTrail.PAYMENT, String.valueOf(detached.getId()), detached.getId(),
                redial.refusal().map(why -> "refused: " + why).orElse("new attempt queued"));
        return redial.refusal();
    }
}
