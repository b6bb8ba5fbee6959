package ke.thibitisha.ops;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import ke.thibitisha.payments.CallAttempt;
import ke.thibitisha.payments.Payment;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A Nairobi day's payments with what their calls gave: the finance team's daily reconciliation. */
@Stateless
public class DailyPayments {

    @PersistenceContext
    EntityManager em;

    /** One payment; {@code digits} are the last ones the payer pressed, {@code costMinor} all its calls' cost. */
    public record Row(Payment payment, String digits, long costMinor) {
    }

    public List<Row> of(LocalDate day) {
        Instant from = day.atStartOfDay(PaymentsResource.NAIROBI).toInstant();
        Instant to = day.plusDays(1).atStartOfDay(PaymentsResource.NAIROBI).toInstant();
        List<Payment> payments = em.createQuery("select p from Payment p where p.createdAt >= :from"
                        + " and p.createdAt < :to order by p.createdAt, p.id", Payment.class)
                .setParameter("from", from).setParameter("to", to).getResultList();
        Map<Long, String> digits = new HashMap<>();
        Map<Long, Long> cost = new HashMap<>();
        em.createQuery("select a from CallAttempt a where a.paymentId in (select p.id from Payment p"
                        + " where p.createdAt >= :from and p.createdAt < :to) order by a.paymentId, a.attemptNo",
                        CallAttempt.class)
                .setParameter("from", from).setParameter("to", to).getResultList()
                .forEach(a -> {
                    if (a.getDigits() != null) {
                        digits.put(a.getPaymentId(), a.getDigits());
                    }
                    if (a.getCostMinor() != null) {
                        cost.merge(a.getPaymentId(), a.getCostMinor().longValue(), Long::sum);
                    }
                });
        return payments.stream()
                .map(p -> new Row(p, digits.get(p.getId()), cost.getOrDefault(p.getId(), 0L))).toList();
    }
}
