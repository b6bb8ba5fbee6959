package ke.thibitisha.intake;

import jakarta.resource.ResourceException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The request-thread half of intake: what is decided before the writer, and what the spool answers. */
class CallbackCheckTest {

    private static final String PAID = """
            {"Body":{"stkCallback":{"MerchantRequestID":"m-1","CheckoutRequestID":"ws_CO_1","ResultCode":0,
            "ResultDesc":"ok","CallbackMetadata":{"Item":[{"Name":"Amount","Value":10},
            {"Name":"MpesaReceiptNumber","Value":"RXA1234567"},{"Name":"PhoneNumber","Value":254708374149}]}}}}""";

    private static InboundRequest request(CallbackKind kind, String contentType, String body) {
        return new InboundRequest(kind, "174379", "196.201.214.200", contentType, "", body.getBytes(StandardCharsets.UTF_8),
                false, Instant.now());
    }

    @Test
    void aPaidStkCallbackIsReadyForTheWriterWithItsPhoneChecked() {
        CheckedCallback checked = CallbackCheck.check(request(CallbackKind.STK, "application/json", PAID), List.of(), Set.of("KE"));
        assertNull(checked.rejection());
        assertEquals("stk:ws_CO_1", checked.sourceRef());
        assertTrue(checked.phone().dialable());
        assertEquals(200, checked.answerWhenSpooled().status());
    }

    @Test
    void rejectionsAreDecidedBeforeTheDatabaseAndTheSpoolAnswersThemToo() {
        CheckedCallback notJson = CallbackCheck.check(request(CallbackKind.STK, "text/plain", PAID), List.of(), Set.of("KE"));
        assertEquals(415, notJson.rejection().status());
        assertEquals(415, notJson.answerWhenSpooled().status());
        CheckedCallback missing = CallbackCheck.check(request(CallbackKind.STK, "application/json", "{\"Body\":{}}"),
                List.of(), Set.of("KE"));
        assertEquals(400, missing.rejection().status());
        assertNull(missing.sourceRef());
        CheckedCallback foreign = CallbackCheck.check(request(CallbackKind.STK, "application/json", PAID),
                List.of("10.0.0.0/8"), Set.of("KE"));
        assertEquals(403, foreign.rejection().status());
    }

    @Test
    void aValidationRequestMakesNoPayment() {
        CheckedCallback checked = CallbackCheck.check(request(CallbackKind.C2B_VALIDATION, "application/json", "{}"),
                List.of(), Set.of("KE"));
        assertNull(checked.sourceRef());
        assertEquals("{\"ResultCode\":\"0\",\"ResultDesc\":\"Accepted\"}", checked.answerWhenSpooled().json());
    }

    @Test
    void onlyAnUnreachableDatabaseSendsCallbacksToTheSpool() {
        assertTrue(DatabaseOutage.causes(new IllegalStateException(new SQLException("refused", "08001"))));
        assertTrue(DatabaseOutage.causes(new RuntimeException(new SQLException("wrapped", null,
                new ResourceException("IJ000453: Unable to get managed connection")))));
        assertTrue(DatabaseOutage.causes(new SQLException("terminating connection due to administrator command", "57P01")));
        assertFalse(DatabaseOutage.causes(new RuntimeException(new SQLIntegrityConstraintViolationException("dup", "23505"))));
        assertFalse(DatabaseOutage.causes(new IllegalArgumentException("a bug")));
    }
}
