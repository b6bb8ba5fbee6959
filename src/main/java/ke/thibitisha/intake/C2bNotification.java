package ke.thibitisha.intake;

import java.math.BigDecimal;
import java.time.LocalDateTime;

/** A C2B validation or confirmation request. {@code msisdn} is usually hashed or masked. */
public record C2bNotification(String transactionType, String transId, LocalDateTime transTime, BigDecimal amount,
                              String shortCode, String billRefNumber, String msisdn, String firstName) {
}
