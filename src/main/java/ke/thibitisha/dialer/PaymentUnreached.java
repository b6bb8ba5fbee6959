package ke.thibitisha.dialer;

import java.math.BigDecimal;

/** Fired when a payment's attempts are used up without a conversation. */
public record PaymentUnreached(long paymentId, String receipt, BigDecimal amount, String shortcode, int attempts,
                               String lastStatus) {
}
