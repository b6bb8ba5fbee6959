package ke.thibitisha.intake;

import java.math.BigDecimal;
import java.time.LocalDateTime;

/** An STK Push result callback ({@code Body.stkCallback}), read by item name. */
public record StkResult(String merchantRequestId, String checkoutRequestId, String resultCode, String resultDesc,
                        BigDecimal amount, String receipt, String phone, LocalDateTime transactionDate,
                        BigDecimal balance) {

    /** {@code 0}, as a number or the string {@code "0"}, is the only success. */
    public boolean paid() {
        return "0".equals(resultCode);
    }
}
