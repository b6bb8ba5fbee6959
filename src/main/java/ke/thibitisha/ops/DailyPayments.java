package ke.thibitisha.ops;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import ke.thibitisha.payments.Payment;
import ke.thibitisha.payments.PaymentRepository;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A Nairobi day's payments with what their calls gave: the finance team's daily reconciliation. */
@Stateless
public class DailyPayments {

    @Inject
    PaymentRepository payments;

    /** One payment; {@code digits} are the last ones the payer pressed, {@code costMinor} all its calls' cost. */
    public record Row(Payment payment, String digits, long costMinor) {
    }

    public List<Row> of(LocalDate day) {
        Instant from = day.atStartOfDay(PaymentsResource.NAIROBI).toInstant();
        Instant to = day.plusDays(1).atStartOfDay(PaymentsResource.NAIROBI).toInstant();
        List<Payment> received = payments.receivedBetween(from, to);
        Map<Long, String> digits = new HashMap<>();
        Map<Long, Long> cost = new HashMap<>();
        payments.attemptsOfPaymentsReceivedBetween(from, to).forEach(a -> {
            if (a.getDigits() != null) {
                digits.put(a.getPaymentId(), a.getDigits());
            }
            if (a.getCostMinor() != null) {
                cost.merge(a.getPaymentId(), a.getCostMinor().longValue(), Long::sum);
            }
        });
        return received.stream()
                .map(p -> new Row(p, digits.get(p.getId()), cost.getOrDefault(p.getId(), 0L))).toList();
    }
}
