package ke.thibitisha.sim.daraja;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import ke.thibitisha.sim.SimJson;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DarajaPayloadsTest {

    private static final String PHONE = "+254722123456";

    private static JsonObject callback(String json) {
        return SimJson.parseObject(json).getJsonObject("Body").getJsonObject("stkCallback");
    }

    private static List<JsonObject> items(String json) {
        return callback(json).getJsonObject("CallbackMetadata").getJsonArray("Item").getValuesAs(JsonObject.class);
    }

    private static List<String> names(String json) {
        return items(json).stream().map(i -> i.getString("Name")).toList();
    }

    private static JsonValue value(String json, String name) {
        return items(json).stream().filter(i -> i.getString("Name").equals(name)).findFirst().orElseThrow().get("Value");
    }

    @Test
    void f1SuccessHasFourItemsAnIntegerAmountAndANumericPhone() {
        String json = DarajaPayloads.stkSuccess(1, PHONE);

        JsonObject callback = callback(json);
        assertEquals(0, callback.getInt("ResultCode"));
        assertEquals("The service request is processed successfully.", callback.getString("ResultDesc"));
        assertTrue(callback.getString("CheckoutRequestID").matches("ws_CO_\\d{20}722123456"),
                callback.getString("CheckoutRequestID"));
        assertTrue(callback.getString("MerchantRequestID").matches("[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}\\d{6}"));
        assertEquals(List.of("Amount", "MpesaReceiptNumber", "TransactionDate", "PhoneNumber"), names(json));
        assertTrue(json.contains("{\"Name\":\"Amount\",\"Value\":1}"), json);
        assertEquals(254722123456L, ((JsonNumber) value(json, "PhoneNumber")).longValueExact());
        assertTrue(((JsonString) value(json, "MpesaReceiptNumber")).getString().matches("[A-Z]{2}[0-9A-Z]{8}"));
        assertTrue(value(json, "TransactionDate").toString().matches("20\\d{12}"));
        assertFalse(names(json).contains("Balance"));
    }

    @Test
    void f2SuccessHasADecimalAmountAndAValuelessBalance() {
        String json = DarajaPayloads.stkSuccessDecimalValuelessBalance(new BigDecimal("1"), "0110345678");

        assertTrue(json.contains("{\"Name\":\"Amount\",\"Value\":1.00}"), json);
        assertTrue(json.contains("{\"Name\":\"Balance\"},"), json);
        assertEquals(List.of("Amount", "MpesaReceiptNumber", "Balance", "TransactionDate", "PhoneNumber"), names(json));
        assertEquals(254110345678L, ((JsonNumber) value(json, "PhoneNumber")).longValueExact());
        assertTrue(callback(json).getString("MerchantRequestID").matches("\\d{5}-\\d{8}-\\d"));
        assertTrue(DarajaPayloads.stkSuccessDecimalValuelessBalance(new BigDecimal("250.00"), PHONE)
                .contains("{\"Name\":\"Amount\",\"Value\":250.00}"));
    }

    @Test
    void f3SuccessHasAValuedBalanceAndAnotherOrder() {
        String json = DarajaPayloads.stkSuccessReordered(10, PHONE);

        assertEquals("MpesaReceiptNumber", names(json).get(0));
        assertEquals(new BigDecimal("32009.9"), ((JsonNumber) value(json, "Balance")).bigDecimalValue());
        assertEquals(5, names(json).size());
    }

    @Test
    void f4SuccessHasStringAmountAndPhone() {
        String json = DarajaPayloads.stkSuccessStringTypes("1.00", PHONE);

        assertEquals("1.00", ((JsonString) value(json, "Amount")).getString());
        assertEquals("254722123456", ((JsonString) value(json, "PhoneNumber")).getString());
    }

    @Test
    void thePhoneCanComeAsAFloatLiteral() {
        String json = DarajaPayloads.stkSuccessFloatPhone(5, "254708374149");

        assertTrue(json.contains("\"Value\":2.54708374149E11"), json);
        assertEquals(254708374149L, ((JsonNumber) value(json, "PhoneNumber")).longValueExact());
    }

    @Test
    void aStringZeroResultCodeIsASuccessShape() {
        String json = DarajaPayloads.stkSuccessStringResultCode(7, PHONE);

        assertEquals("0", callback(json).getString("ResultCode"));
        assertEquals(4, names(json).size());
    }

    @Test
    void aMalformedSuccessHasNoMetadata() {
        JsonObject callback = callback(DarajaPayloads.stkSuccessWithoutMetadata());

        assertEquals(0, callback.getInt("ResultCode"));
        assertFalse(callback.containsKey("CallbackMetadata"));
    }

    @Test
    void everyDocumentedFailureCodeHasTheFailureShape() {
        assertTrue(DarajaPayloads.FAILURE_DESCRIPTIONS.keySet().containsAll(
                Set.of(1, 2, 3, 4, 8, 17, 1019, 1025, 1032, 1036, 1037, 2001, 2028, 8006)));
        for (int code : DarajaPayloads.FAILURE_DESCRIPTIONS.keySet()) {
            JsonObject callback = callback(DarajaPayloads.stkFailure(code));

            assertInstanceOf(JsonNumber.class, callback.get("ResultCode"));
            assertEquals(code, callback.getInt("ResultCode"));
            assertEquals(DarajaPayloads.FAILURE_DESCRIPTIONS.get(code), callback.getString("ResultDesc"));
            assertFalse(callback.containsKey("CallbackMetadata"));
            assertTrue(callback.getString("CheckoutRequestID").startsWith("ws_CO_"));
        }
        assertEquals("Request cancelled by user", callback(DarajaPayloads.stkFailure(1032, "Request cancelled by user"))
                .getString("ResultDesc"));
        assertThrows(IllegalArgumentException.class, () -> DarajaPayloads.stkFailure(4242));
    }

    @Test
    void f10CarriesAStringResultCode() {
        JsonObject callback = callback(DarajaPayloads.stkStringResultCode());

        assertEquals("SFC_IC0003", callback.getString("ResultCode"));
        assertEquals("The operator does not exist.", callback.getString("ResultDesc"));
    }

    @Test
    void callerChosenCheckoutRequestIdsAreUsed() {
        assertEquals("ws_CO_mine", DarajaPayloads.checkoutRequestIdOf(DarajaPayloads.stkSuccess("ws_CO_mine", 1, PHONE)));
        assertEquals("a", DarajaPayloads.checkoutRequestIdOf(DarajaPayloads.stkSuccessDecimalValuelessBalance("a",
                BigDecimal.ONE, PHONE)));
        assertEquals("b", DarajaPayloads.checkoutRequestIdOf(DarajaPayloads.stkSuccessReordered("b", 1, PHONE)));
        assertEquals("c", DarajaPayloads.checkoutRequestIdOf(DarajaPayloads.stkSuccessStringTypes("c", "1", PHONE)));
        assertEquals("d", DarajaPayloads.checkoutRequestIdOf(DarajaPayloads.stkFailure("d", 1032, "x")));
        assertEquals("e", DarajaPayloads.checkoutRequestIdOf(DarajaPayloads.stkStringResultCode("e")));
        assertEquals("f", DarajaPayloads.checkoutRequestIdOf(DarajaPayloads.stkSuccessFloatPhone("f", 1, PHONE)));
        assertEquals("g", DarajaPayloads.checkoutRequestIdOf(DarajaPayloads.stkSuccessStringResultCode("g", 1, PHONE)));
        assertEquals("h", DarajaPayloads.checkoutRequestIdOf(DarajaPayloads.stkSuccessWithoutMetadata("h")));
        assertEquals("T1", DarajaPayloads.transIdOf(DarajaPayloads.c2bValidation("T1", "10", "INV-1", PHONE)));
        assertEquals("T2", DarajaPayloads.transIdOf(DarajaPayloads.c2bConfirmationMasked("T2", "10", "INV-1", PHONE)));
        assertEquals("T3", DarajaPayloads.transIdOf(DarajaPayloads.c2bConfirmationHashed("T3", "10", "INV-1", PHONE,
                "ord-1")));
    }

    @Test
    void c2bValidationCarriesAHashedMsisdnAndABlankBalance() throws Exception {
        JsonObject body = SimJson.parseObject(DarajaPayloads.c2bValidation("2500.00", "INV-00042", PHONE));

        String expectedHash = HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest("254722123456".getBytes(UTF_8)));
        assertEquals(expectedHash, body.getString("MSISDN"));
        assertEquals("", body.getString("OrgAccountBalance"));
        assertEquals("2500.00", body.getString("TransAmount"));
        assertEquals("Pay Bill", body.getString("TransactionType"));
        assertEquals("INV-00042", body.getString("BillRefNumber"));
        assertTrue(body.getString("TransTime").matches("20\\d{12}"));
        assertEquals(13, body.size());
        body.values().forEach(v -> assertInstanceOf(JsonString.class, v, "every C2B field is a string"));
    }

    @Test
    void c2bConfirmationsCarryAMaskedOrHashedMsisdn() {
        JsonObject masked = SimJson.parseObject(DarajaPayloads.c2bConfirmationMasked("10", "INV-7", PHONE));
        JsonObject hashed = SimJson.parseObject(DarajaPayloads.c2bConfirmationHashed("2500.00", "inv-00042 ", PHONE,
                "ord-42"));

        assertEquals("2547 ***** 456", masked.getString("MSISDN"));
        assertEquals("", masked.getString("LastName"));
        assertEquals("10", masked.getString("TransAmount"));
        assertTrue(hashed.getString("MSISDN").matches("[0-9a-f]{64}"));
        assertEquals("ord-42", hashed.getString("ThirdPartyTransID"));
        assertEquals("inv-00042 ", hashed.getString("BillRefNumber"));
        assertFalse(hashed.getString("OrgAccountBalance").isEmpty());
    }

    @Test
    void freshIdsNeverRepeat() {
        Set<String> checkoutIds = new HashSet<>();
        Set<String> receipts = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            String json = DarajaPayloads.stkSuccess(1, PHONE);
            checkoutIds.add(DarajaPayloads.checkoutRequestIdOf(json));
            receipts.add(((JsonString) value(json, "MpesaReceiptNumber")).getString());
            checkoutIds.add(DarajaPayloads.checkoutRequestIdOf(DarajaPayloads.stkFailure(1032)));
            receipts.add(DarajaPayloads.transIdOf(DarajaPayloads.c2bConfirmationMasked("1", "A", PHONE)));
        }
        assertEquals(2_000, checkoutIds.size());
        assertEquals(2_000, receipts.size());
    }

    @Test
    void phonesAreNormalisedToTwelveDigits() {
        assertEquals("254722123456", DarajaPayloads.msisdn("+254722123456"));
        assertEquals("254722123456", DarajaPayloads.msisdn("0722 123 456"));
        assertEquals("254722123456", DarajaPayloads.msisdn("254722123456"));
        assertThrows(IllegalArgumentException.class, () -> DarajaPayloads.msisdn("+14155550100"));
    }
}
