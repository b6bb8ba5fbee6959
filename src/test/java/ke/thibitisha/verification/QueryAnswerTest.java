package ke.thibitisha.verification;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import ke.thibitisha.verification.QueryAnswer.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.StringReader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which STK Push Query answers decide (daraja.md §2, §9 F14) and which only mean "ask again". */
class QueryAnswerTest {

    @Test
    void resultCodeZeroAsStringIsPaid() {
        QueryAnswer answer = QueryAnswer.of(200, json("{\"ResponseCode\":\"0\",\"ResponseDescription\":\"The service request"
                + " has been accepted successfully\",\"MerchantRequestID\":\"8f3a\",\"CheckoutRequestID\":\"ws_CO_1\","
                + "\"ResultCode\":\"0\",\"ResultDesc\":\"The service request is processed successfully.\"}"));
        assertEquals(Verdict.PAID, answer.verdict());
        assertEquals("0", answer.code());
    }

    @Test
    void resultCodeZeroAsNumberIsPaid() {
        assertEquals(Verdict.PAID, QueryAnswer.of(200, json("{\"ResponseCode\":\"0\",\"ResultCode\":0}")).verdict());
    }

    @ParameterizedTest
    @CsvSource({"\"1032\", 1032", "1032, 1032", "\"1\", 1", "\"1037\", 1037", "\"2001\", 2001", "\"SFC_IC0003\", SFC_IC0003",
            "\"1036\", 1036", "\"17\", 17"})
    void otherFinalCodesAreNotPaid(String literal, String code) {
        QueryAnswer answer = QueryAnswer.of(200, json("{\"ResponseCode\":\"0\",\"ResultCode\":" + literal
                + ",\"ResultDesc\":\"Request cancelled by user\"}"));
        assertEquals(Verdict.NOT_PAID, answer.verdict());
        assertEquals(code, answer.code());
    }

    @Test
    void stillUnderProcessingIsNoAnswer() {
        QueryAnswer answer = QueryAnswer.of(200, json("{\"ResponseCode\":\"0\",\"ResultCode\":\"4999\","
                + "\"ResultDesc\":\"The transaction is still under processing\"}"));
        assertEquals(Verdict.NO_ANSWER, answer.verdict());
        assertEquals("4999", answer.code());
    }

    @ParameterizedTest
    @CsvSource({
            "500, 500.001.1001, The transaction does not Exist",
            "500, 500.001.1001, The transaction is being processed",
            "500, 500.001.1001, ''",
            "500, 500.003.02, Spike Arrest Violation",
            "500, 500.003.03, Quota Violation",
            "500, 500.003.1001, Internal Server Error",
            "404, 404.001.03, Invalid Access Token",
            "400, 400.002.02, Bad Request - Invalid Password"})
    void errorEnvelopesAreNoAnswer(int status, String code, String message) {
        QueryAnswer answer = QueryAnswer.of(status, json("{\"requestId\":\"ws_CO_1\",\"errorCode\":\"" + code
                + "\",\"errorMessage\":\"" + message + "\"}"));
        assertEquals(Verdict.NO_ANSWER, answer.verdict());
        assertEquals(code, answer.code());
    }

    @Test
    void statusesWithoutABodyAreNoAnswer() {
        QueryAnswer answer = QueryAnswer.of(503, JsonValue.EMPTY_JSON_OBJECT);
        assertEquals(Verdict.NO_ANSWER, answer.verdict());
        assertEquals("http_503", answer.code());
        assertEquals(Verdict.NO_ANSWER, QueryAnswer.of(200, json("{\"ResponseCode\":\"0\"}")).verdict());
    }

    @Test
    void aResultCodeInAnErrorStatusDecidesNothing() {
        assertEquals(Verdict.NO_ANSWER, QueryAnswer.of(500, json("{\"ResultCode\":\"0\"}")).verdict());
    }

    @Test
    void onlySpikeArrestAndQuotaSlowThePaybillDown() {
        assertTrue(QueryAnswer.noAnswer("500.003.02", null).throttled());
        assertTrue(QueryAnswer.noAnswer("500.003.03", null).throttled());
        assertFalse(QueryAnswer.noAnswer("500.001.1001", null).throttled());
        assertFalse(QueryAnswer.noAnswer("timeout", null).throttled());
    }

    private static JsonObject json(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }
}
