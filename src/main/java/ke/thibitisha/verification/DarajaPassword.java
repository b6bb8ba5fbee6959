package ke.thibitisha.verification;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Base64;

/**
 * The {@code Password} and {@code Timestamp} of an STK request (daraja.md §1.1): Password is
 * {@code base64(BusinessShortCode + Passkey + Timestamp)}, Timestamp {@code yyyyMMddHHmmss} in Nairobi time.
 */
record DarajaPassword(String timestamp, String password) {

    static final ZoneId NAIROBI = ZoneId.of("Africa/Nairobi");
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    static DarajaPassword of(String shortcode, String passkey, Instant now) {
        String timestamp = TIMESTAMP.format(now.atZone(NAIROBI));
        String password = Base64.getEncoder().encodeToString((shortcode + passkey + timestamp)
                .getBytes(StandardCharsets.UTF_8));
        return new DarajaPassword(timestamp, password);
    }

    @Override
    public String toString() {
        return "DarajaPassword[timestamp=" + timestamp + "]";
    }
}
