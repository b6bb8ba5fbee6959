package ke.thibitisha.payments;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link MaskedFailure}: a failure's chain as it may be logged (contract §5: no phone number in a log line). */
class MaskedFailureTest {

    /** Shaped like H2's lock timeout, whose innermost message quotes the locked payment row. */
    static RuntimeException lockTimeout() {
        SQLException row = new SQLException("Map entry <table.59> with key <3> and value ( 'UKR1D47B89', '+254716767285',"
                + " '+2547****285', 'DIALING') is locked by tx 1");
        SQLException timeout = new SQLException("Timeout trying to lock table \"PAYMENT\"", row);
        return new IllegalStateException("JDBC exception executing SQL [select p1_0.id from payment p1_0]", timeout);
    }

    static String printed(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    @Test
    void everyMessageOfTheChainIsMasked() {
        String printed = printed(MaskedFailure.of(lockTimeout()));
        assertFalse(printed.contains("254716767285"), printed);
        assertTrue(printed.contains("'+2547****285', '+2547****285'"), printed);
        assertTrue(printed.contains("UKR1D47B89"), "receipts stay readable: " + printed);
    }

    @Test
    void theChainReadsAsTheOriginal() {
        RuntimeException original = lockTimeout();
        Throwable masked = MaskedFailure.of(original);
        assertEquals(original.toString(), masked.toString());
        assertEquals("java.sql.SQLException: Timeout trying to lock table \"PAYMENT\"", masked.getCause().toString());
        assertArrayEquals(original.getCause().getCause().getStackTrace(), masked.getCause().getCause().getStackTrace());
        assertNull(masked.getCause().getCause().getCause());
        assertTrue(printed(masked).contains("Caused by: java.sql.SQLException: Map entry"), printed(masked));
    }

    @Test
    void describeIsTheMaskedFirstLine() {
        assertEquals("java.lang.IllegalStateException: call to +2547****285 failed",
                MaskedFailure.describe(new IllegalStateException("call to 0716767285 failed")));
        assertEquals("java.lang.NullPointerException", MaskedFailure.describe(new NullPointerException()));
    }

    @Test
    void aCycleOfCausesEnds() {
        Exception a = new Exception("a");
        Exception b = new Exception("b", a);
        a.initCause(b);
        Throwable masked = MaskedFailure.of(b);
        assertEquals("java.lang.Exception: a", masked.getCause().toString());
        assertNull(masked.getCause().getCause());
    }
}
