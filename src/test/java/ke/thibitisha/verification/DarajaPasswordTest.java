package ke.thibitisha.verification;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DarajaPasswordTest {

    private static final String SANDBOX_PASSKEY = "bfb279f9aa9bdbcf158e97dd71a467cd2e0c893059b10f78e6b72ada1ed2c919";

    @Test
    void matchesTheDocumentedSandboxExample() {
        // Safaricom's example request: Timestamp 20210628092408, and this Password
        DarajaPassword password = DarajaPassword.of("174379", SANDBOX_PASSKEY, Instant.parse("2021-06-28T06:24:08Z"));
        assertEquals("20210628092408", password.timestamp());
        assertEquals("MTc0Mzc5YmZiMjc5ZjlhYTliZGJjZjE1OGU5N2RkNzFhNDY3Y2QyZTBjODkzMDU5YjEwZjc4ZTZiNzJhZGExZWQyYzkx"
                + "OTIwMjEwNjI4MDkyNDA4", password.password());
    }

    @Test
    void timestampIsNairobiTimeAcrossTheUtcDateLine() {
        // 22:30 UTC on 31 December is already 01:30 on 1 January in Nairobi (UTC+3, no daylight saving)
        DarajaPassword password = DarajaPassword.of("600984", "key", Instant.parse("2026-12-31T22:30:05Z"));
        assertEquals("20270101013005", password.timestamp());
        assertEquals("600984key20270101013005",
                new String(Base64.getDecoder().decode(password.password()), StandardCharsets.UTF_8));
    }

    @Test
    void neverPrintsThePassword() {
        DarajaPassword password = DarajaPassword.of("174379", SANDBOX_PASSKEY, Instant.parse("2021-06-28T06:24:08Z"));
        assertEquals("DarajaPassword[timestamp=20210628092408]", password.toString());
    }
}
