package ke.thibitisha.intake;

import ke.thibitisha.payments.PhoneNumbers;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@link DarajaParser} over the payload shapes of shared/reference/daraja.md §1.2, §3.2–3.4 and §9 (F1–F13),
 * and over hostile variants. Every case asserts either the parsed values or an
 * {@link InvalidPayloadException} whose message names the offending field (contract §2 rule 4).
 *
 * <p>Tests in {@link Regressions} reproduce bugs found in review, now fixed.
 */
class DarajaParserTest {

    // ---------------------------------------------------------------- daraja.md §9 fixtures, verbatim

    static final String F1 = """
            {"Body":{"stkCallback":{"MerchantRequestID":"8f3a-4c21-9e0b-5d7e6a1b2c3d401122","CheckoutRequestID":"ws_CO_050320261432105722123456","ResultCode":0,"ResultDesc":"The service request is processed successfully.","CallbackMetadata":{"Item":[{"Name":"Amount","Value":1500},{"Name":"MpesaReceiptNumber","Value":"UC58K2QW7P"},{"Name":"TransactionDate","Value":20260305143227},{"Name":"PhoneNumber","Value":254722123456}]}}}}
            """;
    static final String F2 = """
            {"Body":{"stkCallback":{"MerchantRequestID":"21605-29870341-1","CheckoutRequestID":"ws_CO_12022023091544829","ResultCode":0,"ResultDesc":"The service request is processed successfully.","CallbackMetadata":{"Item":[{"Name":"Amount","Value":250.00},{"Name":"MpesaReceiptNumber","Value":"RBC3XK9D1M"},{"Name":"Balance"},{"Name":"TransactionDate","Value":20230212091603},{"Name":"PhoneNumber","Value":254110345678}]}}}}
            """;
    static final String F3 = """
            {"Body":{"stkCallback":{"MerchantRequestID":"a1b2-4c5d-8e9f-0a1b2c3d4e5f112233","CheckoutRequestID":"ws_CO_110720251010223768001122","ResultCode":0,"ResultDesc":"The service request is processed successfully.","CallbackMetadata":{"Item":[{"Name":"MpesaReceiptNumber","Value":"TGB4M7Z2QA"},{"Name":"Amount","Value":10},{"Name":"TransactionDate","Value":20250711101041},{"Name":"Balance","Value":32009.9},{"Name":"PhoneNumber","Value":254768001122}]}}}}
            """;
    static final String F4 = """
            {"Body":{"stkCallback":{"MerchantRequestID":"c0ff-4ee0-9a9a-11223344556677","CheckoutRequestID":"ws_CO_220820261205019710987654","ResultCode":0,"ResultDesc":"The service request is processed successfully.","CallbackMetadata":{"Item":[{"Name":"Amount","Value":"1.00"},{"Name":"MpesaReceiptNumber","Value":"UHM9QW1E2R"},{"Name":"TransactionDate","Value":20260822120530},{"Name":"PhoneNumber","Value":"254710987654"}]}}}}
            """;
    static final String F5 = """
            {"Body":{"stkCallback":{"MerchantRequestID":"f1e2-4b95-a71d-b30d3cdbb7a7942864","CheckoutRequestID":"ws_CO_21072024125243250722943992","ResultCode":1032,"ResultDesc":"Request cancelled by user"}}}
            """;
    static final String F6 = """
            {"Body":{"stkCallback":{"MerchantRequestID":"5dbd-4f93-a478-41cdaf2b9acd86873","CheckoutRequestID":"ws_CO_180920261803512708374149","ResultCode":1037,"ResultDesc":"No response from user."}}}
            """;
    static final String F7 = """
            {"Body":{"stkCallback":{"MerchantRequestID":"7a10-4b2c-93d1-e2f3a4b5c6d7001","CheckoutRequestID":"ws_CO_030120261107441712555000","ResultCode":1,"ResultDesc":"The balance is insufficient for the transaction."}}}
            """;
    static final String F8 = """
            {"Body":{"stkCallback":{"MerchantRequestID":"9b2e-4d11-a0c3-77aa88bb99cc0002","CheckoutRequestID":"ws_CO_030120261109012722555111","ResultCode":2001,"ResultDesc":"The initiator information is invalid."}}}
            """;
    static final String F10 = """
            {"Body":{"stkCallback":{"MerchantRequestID":"7588-31800016-1","CheckoutRequestID":"ws_CO_270920212128259339","ResultCode":"SFC_IC0003","ResultDesc":"The operator does not exist."}}}
            """;
    static final String F11 = """
            {"TransactionType":"Pay Bill","TransID":"UC5A1B2C3D","TransTime":"20260305091210","TransAmount":"2500.00","BusinessShortCode":"600984","BillRefNumber":"INV-00042","InvoiceNumber":"","OrgAccountBalance":"","ThirdPartyTransID":"","MSISDN":"94c392c311d522da950619227b3361752a42042db7e1e699b26e628305c68a88","FirstName":"NICHOLAS","MiddleName":"JOHN","LastName":"SONGOK"}
            """;
    static final String F12 = """
            {"TransactionType":"Buy Goods","TransID":"TK60708BHZ","TransTime":"20251106230212","TransAmount":"10","BusinessShortCode":"600966","BillRefNumber":"","InvoiceNumber":"","OrgAccountBalance":"25.00","ThirdPartyTransID":"","MSISDN":"2547 ***** 126","FirstName":"JANE","MiddleName":"","LastName":""}
            """;
    static final String F13 = """
            {"TransactionType":"Pay Bill","TransID":"UC5A1B2C3D","TransTime":"20260305091214","TransAmount":"2500.00","BusinessShortCode":"600984","BillRefNumber":"inv-00042 ","InvoiceNumber":"","OrgAccountBalance":"41880264.80","ThirdPartyTransID":"ord-42","MSISDN":"94c392c311d522da950619227b3361752a42042db7e1e699b26e628305c68a88","FirstName":"NICHOLAS","MiddleName":"JOHN","LastName":"SONGOK"}
            """;
    static final String HASH = "94c392c311d522da950619227b3361752a42042db7e1e699b26e628305c68a88";

    // ---------------------------------------------------------------- payload builders

    static final String AMOUNT = item("Amount", "1500");
    static final String RECEIPT = item("MpesaReceiptNumber", "\"UC58K2QW7P\"");
    static final String DATE = item("TransactionDate", "20260305143227");
    static final String PHONE = item("PhoneNumber", "254708374149");

    static String item(String name, String valueJson) {
        return "{\"Name\":\"" + name + "\",\"Value\":" + valueJson + "}";
    }

    /** {@code Body.stkCallback} with the given members. */
    static String envelope(String callbackMembers) {
        return "{\"Body\":{\"stkCallback\":{" + callbackMembers + "}}}";
    }

    static String successWithItems(String... items) {
        return successWithMetadata("{\"Item\":[" + String.join(",", items) + "]}");
    }

    static String successWithMetadata(String metadataJson) {
        return envelope("\"MerchantRequestID\":\"m-1\",\"CheckoutRequestID\":\"ws_CO_1\",\"ResultCode\":0,"
                + "\"ResultDesc\":\"The service request is processed successfully.\",\"CallbackMetadata\":" + metadataJson);
    }

    /** A success with the four standard items, one of them ({@code name}) given {@code valueJson}. */
    static String successWith(String name, String valueJson) {
        return successWithItems(
                name.equals("Amount") ? item("Amount", valueJson) : AMOUNT,
                name.equals("MpesaReceiptNumber") ? item("MpesaReceiptNumber", valueJson) : RECEIPT,
                name.equals("TransactionDate") ? item("TransactionDate", valueJson) : DATE,
                name.equals("PhoneNumber") ? item("PhoneNumber", valueJson) : PHONE);
    }

    /** A success without the named item. */
    static String successWithout(String name) {
        return successWithItems(Stream.of(AMOUNT, RECEIPT, DATE, PHONE)
                .filter(i -> !i.contains("\"" + name + "\"")).toArray(String[]::new));
    }

    static String withResultCode(String codeJson) {
        return envelope("\"MerchantRequestID\":\"m-1\",\"CheckoutRequestID\":\"ws_CO_1\",\"ResultCode\":" + codeJson
                + ",\"ResultDesc\":\"d\"");
    }

    static String withCheckout(String checkoutJson) {
        return envelope("\"MerchantRequestID\":\"m-1\",\"CheckoutRequestID\":" + checkoutJson
                + ",\"ResultCode\":1032,\"ResultDesc\":\"d\"");
    }

    /** F11 with the string value of {@code key} replaced by {@code valueJson}. */
    static String c2bWith(String key, String valueJson) {
        var m = java.util.regex.Pattern.compile("\"" + key + "\":\"[^\"]*\"").matcher(F11.strip());
        if (!m.find()) {
            throw new IllegalStateException("key " + key + " not in F11");
        }
        return F11.strip().substring(0, m.start()) + "\"" + key + "\":" + valueJson + F11.strip().substring(m.end());
    }

    static String c2bWithout(String key) {
        return F11.strip().replaceFirst("\"" + key + "\":\"[^\"]*\",?", "");
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static StkResult stk(String json) throws InvalidPayloadException {
        return DarajaParser.stk(DarajaParser.object(utf8(json)));
    }

    static C2bNotification c2b(String json) throws InvalidPayloadException {
        return DarajaParser.c2b(DarajaParser.object(utf8(json)));
    }

    static void assertRejectedNaming(String field, Executable call) {
        InvalidPayloadException e = assertThrows(InvalidPayloadException.class, call::run);
        assertTrue(e.getMessage() != null && e.getMessage().contains(field),
                () -> "message should name '" + field + "' but was: " + e.getMessage());
    }

    @FunctionalInterface
    interface Executable {
        void run() throws Exception;
    }

    @Test
    void aNulCharacterInAnIdentifierIsRefusedNamingTheField() {
        assertRejectedNaming("CheckoutRequestID", () -> stk(F1.replace("ws_CO_050320261432105722123456", "ws_CO_05\\u0000")));
    }

    // ---------------------------------------------------------------- F1–F4: successes

    @Test
    void f1_fourItemsIntegerAmount() throws Exception {
        StkResult r = stk(F1);
        assertAll(
                () -> assertTrue(r.paid()),
                () -> assertEquals("0", r.resultCode()),
                () -> assertEquals("8f3a-4c21-9e0b-5d7e6a1b2c3d401122", r.merchantRequestId()),
                () -> assertEquals("ws_CO_050320261432105722123456", r.checkoutRequestId()),
                () -> assertEquals("The service request is processed successfully.", r.resultDesc()),
                () -> assertEquals(new BigDecimal("1500.00"), r.amount()),
                () -> assertEquals("UC58K2QW7P", r.receipt()),
                () -> assertEquals("254722123456", r.phone()),
                () -> assertEquals(LocalDateTime.of(2026, 3, 5, 14, 32, 27), r.transactionDate()),
                () -> assertNull(r.balance()));
    }

    @Test
    void f2_decimalAmountAndValuelessBalance() throws Exception {
        StkResult r = stk(F2);
        assertAll(
                () -> assertTrue(r.paid()),
                () -> assertEquals("ws_CO_12022023091544829", r.checkoutRequestId()),
                () -> assertEquals("21605-29870341-1", r.merchantRequestId()),
                () -> assertEquals(new BigDecimal("250.00"), r.amount()),
                () -> assertEquals("RBC3XK9D1M", r.receipt()),
                () -> assertEquals("254110345678", r.phone()),
                () -> assertEquals(LocalDateTime.of(2023, 2, 12, 9, 16, 3), r.transactionDate()),
                () -> assertNull(r.balance(), "{\"Name\":\"Balance\"} has no value"));
    }

    @Test
    void f3_reorderedItemsWithBalanceValue() throws Exception {
        StkResult r = stk(F3);
        assertAll(
                () -> assertTrue(r.paid()),
                () -> assertEquals(new BigDecimal("10.00"), r.amount()),
                () -> assertEquals("TGB4M7Z2QA", r.receipt()),
                () -> assertEquals("254768001122", r.phone()),
                () -> assertEquals(LocalDateTime.of(2025, 7, 11, 10, 10, 41), r.transactionDate()),
                () -> assertEquals(0, new BigDecimal("32009.9").compareTo(r.balance())));
    }

    @Test
    void f4_stringTypedAmountAndPhone() throws Exception {
        StkResult r = stk(F4);
        assertAll(
                () -> assertTrue(r.paid()),
                () -> assertEquals(new BigDecimal("1.00"), r.amount()),
                () -> assertEquals("UHM9QW1E2R", r.receipt()),
                () -> assertEquals("254710987654", r.phone()),
                () -> assertEquals(LocalDateTime.of(2026, 8, 22, 12, 5, 30), r.transactionDate()));
    }

    @Test
    void itemsAreFoundByNameWhateverTheirPositionAndExtrasAreIgnored() throws Exception {
        StkResult r = stk(successWithItems(item("Unknown", "{\"x\":1}"), PHONE, item("Balance", "null"), DATE, RECEIPT,
                item("Extra", "[1,2]"), AMOUNT));
        assertAll(
                () -> assertEquals(new BigDecimal("1500.00"), r.amount()),
                () -> assertEquals("UC58K2QW7P", r.receipt()),
                () -> assertEquals("254708374149", r.phone()),
                () -> assertEquals(LocalDateTime.of(2026, 3, 5, 14, 32, 27), r.transactionDate()),
                () -> assertNull(r.balance()));
    }

    @Test
    void balanceWithValueNullIsNoBalance() throws Exception {
        StkResult r = stk(successWithItems(AMOUNT, RECEIPT, item("Balance", "null"), DATE, PHONE));
        assertNull(r.balance());
        assertEquals(new BigDecimal("1500.00"), r.amount());
        assertTrue(r.paid());
    }

    @ParameterizedTest(name = "Balance {0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "32009.9|32009.9",
            "\"32009.90\"|32009.90",
            "\"n/a\"|NULL",
            "{}|NULL",
            "[1]|NULL",
            "true|NULL"})
    void balanceIsInformationalAndAStrangeOneIsIgnored(String balanceJson, String expected) throws Exception {
        StkResult r = stk(successWithItems(AMOUNT, RECEIPT, item("Balance", balanceJson), PHONE));
        assertEquals(expected == null ? null : new BigDecimal(expected), r.balance());
        assertEquals(new BigDecimal("1500.00"), r.amount(), "a strange Balance must not spoil the payment");
    }

    @Test
    void transactionDateIsOptional() throws Exception {
        StkResult r = stk(successWithout("TransactionDate"));
        assertNull(r.transactionDate());
        assertEquals("UC58K2QW7P", r.receipt());
    }

    @ParameterizedTest(name = "TransactionDate {0}")
    @CsvSource(delimiter = '|', value = {"20260305143227", "\"20260305143227\"", "2.0260305143227E13", "\" 20260305143227 \""})
    void transactionDateAsNumberStringOrFloatLiteral(String json) throws Exception {
        assertEquals(LocalDateTime.of(2026, 3, 5, 14, 32, 27), stk(successWith("TransactionDate", json)).transactionDate());
    }

    @ParameterizedTest(name = "Amount {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "1|1.00",
            "1.00|1.00",
            "\"1.00\"|1.00",
            "\"1\"|1.00",
            "\" 1500 \"|1500.00",
            "1500.5|1500.50",
            "\"1500.50\"|1500.50",
            "1E3|1000.00",
            "1.000|1.00",
            "0.01|0.01",
            "250000|250000.00",
            "999999999.99|999999999.99"})
    void amountForms(String amountJson, String expected) throws Exception {
        StkResult r = stk(successWith("Amount", amountJson));
        assertEquals(new BigDecimal(expected), r.amount());
        assertEquals(2, r.amount().scale(), "amounts are stored with two decimals");
    }

    @ParameterizedTest(name = "PhoneNumber {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "254708374149|254708374149",
            "\"254708374149\"|254708374149",
            "2.54708374149E11|254708374149",
            "2.54708374149e+11|254708374149",
            "254708374149.0|254708374149",
            "\" 254708374149 \"|254708374149",
            "\"2.54708374149E11\"|2.54708374149E11",
            "\"0708374149\"|0708374149",
            "\"2547 ***** 126\"|2547 ***** 126",
            "12345678901234567890|12345678901234567890"})
    void phoneNumberKeepsEveryDigitWhateverItsJsonType(String phoneJson, String expected) throws Exception {
        assertEquals(expected, stk(successWith("PhoneNumber", phoneJson)).phone());
    }

    @Test
    void phoneNumberAsFloatLiteralEndsUpDialableOnceChecked() throws Exception {
        for (String json : new String[]{"2.54708374149E11", "\"2.54708374149E11\""}) {
            String phone = stk(successWith("PhoneNumber", json)).phone();
            assertEquals("+254708374149", PhoneNumbers.check(phone, Set.of("KE")).e164(), json);
        }
    }

    @Test
    void hugePhoneNumberIsParsedButNeverDialable() throws Exception {
        String phone = stk(successWith("PhoneNumber", "12345678901234567890")).phone();
        assertFalse(PhoneNumbers.check(phone, Set.of("KE")).dialable());
    }

    @Test
    void receiptIsTrimmedAndUpperCased() throws Exception {
        assertEquals("UC58K2QW7P", stk(successWith("MpesaReceiptNumber", "\" uc58k2qw7p \"")).receipt());
    }

    @Test
    void unicodeInResultDescIsKeptExactly() throws Exception {
        String desc = "Ombi limeghairiwa na mteja \u2014 \u2713 \u53d6\u6d88 \ud83d\ude00 \u00e9";
        StkResult r = stk(envelope("\"CheckoutRequestID\":\"ws_CO_9\",\"ResultCode\":1032,\"ResultDesc\":\"" + desc + "\""));
        assertEquals(desc, r.resultDesc());
    }

    @Test
    void jsonEscapedUnicodeInResultDescIsDecoded() throws Exception {
        StkResult r = stk(envelope("\"CheckoutRequestID\":\"ws_CO_9\",\"ResultCode\":1032,"
                + "\"ResultDesc\":\"caf\\u00e9 \\ud83d\\ude00\""));
        assertEquals("caf\u00e9 \ud83d\ude00", r.resultDesc());
    }

    @Test
    void checkoutRequestIdIsTrimmedAndMayBeANumber() throws Exception {
        assertEquals("ws_CO_1", stk(withCheckout("\"  ws_CO_1  \"")).checkoutRequestId());
        assertEquals("123456789", stk(withCheckout("123456789")).checkoutRequestId());
        String seventy = "ws_CO_" + "1".repeat(64);
        assertEquals(seventy, stk(withCheckout("\"" + seventy + "\"")).checkoutRequestId());
    }

    @Test
    void unknownFieldsAndAStrayBusinessShortCodeAreIgnored() throws Exception {
        StkResult r = stk(envelope("\"BusinessShortCode\":174379,\"Foo\":[1,{\"a\":null}],\"CheckoutRequestID\":\"ws_CO_7\","
                + "\"ResultCode\":1032"));
        assertEquals("ws_CO_7", r.checkoutRequestId());
        assertEquals("1032", r.resultCode());
        assertNull(r.merchantRequestId());
        assertNull(r.resultDesc());
    }

    @Test
    void merchantRequestIdMayBeANumber() throws Exception {
        StkResult r = stk(envelope("\"MerchantRequestID\":29115,\"CheckoutRequestID\":\"ws_CO_7\",\"ResultCode\":1"));
        assertEquals("29115", r.merchantRequestId());
    }

    // ---------------------------------------------------------------- F5–F10: failures

    @Test
    void f5_cancelledByPayer() throws Exception {
        assertFailure(stk(F5), "1032", "Request cancelled by user", "ws_CO_21072024125243250722943992",
                "f1e2-4b95-a71d-b30d3cdbb7a7942864");
    }

    @Test
    void f6_unreachable() throws Exception {
        assertFailure(stk(F6), "1037", "No response from user.", "ws_CO_180920261803512708374149",
                "5dbd-4f93-a478-41cdaf2b9acd86873");
    }

    @Test
    void f7_insufficientFunds() throws Exception {
        assertFailure(stk(F7), "1", "The balance is insufficient for the transaction.", "ws_CO_030120261107441712555000",
                "7a10-4b2c-93d1-e2f3a4b5c6d7001");
    }

    @Test
    void f8_wrongPin() throws Exception {
        assertFailure(stk(F8), "2001", "The initiator information is invalid.", "ws_CO_030120261109012722555111",
                "9b2e-4d11-a0c3-77aa88bb99cc0002");
    }

    @Test
    void f10_stringTypedResultCode() throws Exception {
        assertFailure(stk(F10), "SFC_IC0003", "The operator does not exist.", "ws_CO_270920212128259339", "7588-31800016-1");
    }

    static Stream<Arguments> failureCodes() {
        return Stream.of(
                Arguments.of(1, "The balance is insufficient for the transaction."),
                Arguments.of(2, "Declined due to limit rule."),
                Arguments.of(3, "Declined due to limit rule: greater than the maximum transaction amount."),
                Arguments.of(4, "Declined due to limit rule: would exceed daily transfer limit."),
                Arguments.of(8, "Declined due to limit rule: would exceed the maximum balance."),
                Arguments.of(17, "Rule limited."),
                Arguments.of(1019, "Transaction has expired."),
                Arguments.of(1025, "An error occurred while sending a push request."),
                Arguments.of(1032, "Request cancelled by user."),
                Arguments.of(1037, "DS timeout user cannot be reached."),
                Arguments.of(2001, "The initiator information is invalid."),
                Arguments.of(8006, "The security credential is locked."),
                Arguments.of(1036, "SMSC ACK timeout."),
                Arguments.of(2028, "The request is not permitted according to product assignment."));
    }

    @ParameterizedTest(name = "ResultCode {0} (number)")
    @MethodSource("failureCodes")
    void everyFailureCodeIsAFailureWithItsCode(int code, String desc) throws Exception {
        String json = envelope("\"MerchantRequestID\":\"m-" + code + "\",\"CheckoutRequestID\":\"ws_CO_" + code
                + "\",\"ResultCode\":" + code + ",\"ResultDesc\":\"" + desc + "\"");
        assertFailure(stk(json), String.valueOf(code), desc, "ws_CO_" + code, "m-" + code);
    }

    @ParameterizedTest(name = "ResultCode \"{0}\" (string)")
    @MethodSource("failureCodes")
    void failureCodeAsStringIsTheSameCode(int code, String desc) throws Exception {
        String json = envelope("\"CheckoutRequestID\":\"ws_CO_" + code + "\",\"ResultCode\":\"" + code
                + "\",\"ResultDesc\":\"" + desc + "\"");
        assertFailure(stk(json), String.valueOf(code), desc, "ws_CO_" + code, null);
    }

    @Test
    void failureNeverReadsMetadataEvenWhenItIsBroken() throws Exception {
        StkResult r = stk(envelope("\"CheckoutRequestID\":\"ws_CO_1\",\"ResultCode\":1032,\"ResultDesc\":\"x\","
                + "\"CallbackMetadata\":{\"Item\":\"not an array\"}"));
        assertFailure(r, "1032", "x", "ws_CO_1", null);
    }

    @Test
    void stringZeroIsSuccess() throws Exception {
        StkResult r = stk(envelope("\"CheckoutRequestID\":\"ws_CO_1\",\"ResultCode\":\"0\",\"ResultDesc\":\"ok\","
                + "\"CallbackMetadata\":{\"Item\":[" + AMOUNT + "," + RECEIPT + "," + PHONE + "]}"));
        assertTrue(r.paid());
        assertEquals("0", r.resultCode());
        assertEquals(new BigDecimal("1500.00"), r.amount());
        assertEquals("UC58K2QW7P", r.receipt());
    }

    @Test
    void stringZeroWithoutMetadataIsInvalidNotPaid() {
        assertRejectedNaming("CallbackMetadata", () -> stk(withResultCode("\"0\"")));
    }

    static void assertFailure(StkResult r, String code, String desc, String checkout, String merchant) {
        assertAll(
                () -> assertFalse(r.paid(), "ResultCode " + code + " is not a payment"),
                () -> assertEquals(code, r.resultCode()),
                () -> assertEquals(desc, r.resultDesc()),
                () -> assertEquals(checkout, r.checkoutRequestId()),
                () -> assertEquals(merchant, r.merchantRequestId()),
                () -> assertNull(r.amount()),
                () -> assertNull(r.receipt()),
                () -> assertNull(r.phone()),
                () -> assertNull(r.transactionDate()),
                () -> assertNull(r.balance()));
    }

    // ---------------------------------------------------------------- F11–F13: C2B

    @Test
    void f11_c2bV1WithHashedMsisdn() throws Exception {
        C2bNotification n = c2b(F11);
        assertAll(
                () -> assertEquals("Pay Bill", n.transactionType()),
                () -> assertEquals("UC5A1B2C3D", n.transId()),
                () -> assertEquals(LocalDateTime.of(2026, 3, 5, 9, 12, 10), n.transTime()),
                () -> assertEquals(new BigDecimal("2500.00"), n.amount()),
                () -> assertEquals("600984", n.shortCode()),
                () -> assertEquals("INV-00042", n.billRefNumber()),
                () -> assertEquals(HASH, n.msisdn()),
                () -> assertEquals("NICHOLAS", n.firstName()));
        PhoneNumbers.Verdict verdict = PhoneNumbers.check(n.msisdn(), Set.of("KE"));
        assertFalse(verdict.dialable(), "a hashed MSISDN is never dialled");
        assertTrue(verdict.reason().contains("hash"), verdict.reason());
    }

    @Test
    void f12_c2bV2WithMaskedMsisdnAndIntegerLookingAmount() throws Exception {
        C2bNotification n = c2b(F12);
        assertAll(
                () -> assertEquals("Buy Goods", n.transactionType()),
                () -> assertEquals("TK60708BHZ", n.transId()),
                () -> assertEquals(LocalDateTime.of(2025, 11, 6, 23, 2, 12), n.transTime()),
                () -> assertEquals(new BigDecimal("10.00"), n.amount()),
                () -> assertEquals("600966", n.shortCode()),
                () -> assertEquals("", n.billRefNumber()),
                () -> assertEquals("2547 ***** 126", n.msisdn()),
                () -> assertEquals("JANE", n.firstName()));
        PhoneNumbers.Verdict verdict = PhoneNumbers.check(n.msisdn(), Set.of("KE"));
        assertFalse(verdict.dialable(), "a masked MSISDN is never dialled");
        assertTrue(verdict.reason().contains("mask"), verdict.reason());
    }

    @Test
    void f13_billRefNumberDriftIsKeptRawButNormalisesToTheSameAccount() throws Exception {
        C2bNotification validation = c2b(F11);
        C2bNotification confirmation = c2b(F13);
        assertEquals("inv-00042 ", confirmation.billRefNumber(), "the parser keeps what the payer typed");
        assertEquals(Customer.normalise(validation.billRefNumber()), Customer.normalise(confirmation.billRefNumber()));
        assertEquals("INV-00042", Customer.normalise(confirmation.billRefNumber()));
        assertEquals(validation.transId(), confirmation.transId(), "same TransID: the dedupe key");
        assertEquals(LocalDateTime.of(2026, 3, 5, 9, 12, 14), confirmation.transTime());
    }

    @ParameterizedTest(name = "TransAmount {0} -> {1}")
    @CsvSource(delimiter = '|', value = {"\"10\"|10.00", "\"5.00\"|5.00", "\"1.00\"|1.00", "10|10.00", "2500.5|2500.50"})
    void c2bAmountForms(String amountJson, String expected) throws Exception {
        assertEquals(new BigDecimal(expected), c2b(c2bWith("TransAmount", amountJson)).amount());
    }

    @Test
    void c2bOptionalFieldsMayBeEmptyOrMissing() throws Exception {
        assertNull(c2b(c2bWith("TransTime", "\"\"")).transTime());
        assertNull(c2b(c2bWithout("TransTime")).transTime());
        C2bNotification n = c2b("{\"TransID\":\"UC5A1B2C3D\",\"TransAmount\":\"1\"}");
        assertAll(
                () -> assertEquals("UC5A1B2C3D", n.transId()),
                () -> assertEquals(new BigDecimal("1.00"), n.amount()),
                () -> assertNull(n.transactionType()),
                () -> assertNull(n.shortCode()),
                () -> assertNull(n.billRefNumber()),
                () -> assertNull(n.msisdn()),
                () -> assertNull(n.firstName()));
    }

    @Test
    void c2bPlainMsisdnIsKeptAndValidates() throws Exception {
        C2bNotification n = c2b(c2bWith("MSISDN", "\"254708374149\""));
        assertEquals("254708374149", n.msisdn());
        assertEquals("+254708374149", PhoneNumbers.check(n.msisdn(), Set.of("KE")).e164());
    }

    @Test
    void c2bTransIdIsUpperCased() throws Exception {
        assertEquals("UC5A1B2C3D", c2b(c2bWith("TransID", "\" uc5a1b2c3d \"")).transId());
    }

    // ---------------------------------------------------------------- rejected: body, envelope, types, values

    static Stream<Arguments> rejectedBodies() {
        return Stream.of(
                Arguments.of("empty body", "", "body"),
                Arguments.of("body null", "null", "body"),
                Arguments.of("body []", "[]", "body"),
                Arguments.of("body string", "\"text\"", "body"),
                Arguments.of("body number", "42", "body"),
                Arguments.of("body true", "true", "body"),
                Arguments.of("truncated object", "{\"Body\":", "body"),
                Arguments.of("not JSON", "ResultCode=0", "body"),
                Arguments.of("single quotes", "{'Body':{}}", "body"),
                Arguments.of("whitespace only", "   \n ", "body"),
                Arguments.of("500 nested arrays", "[".repeat(500) + "]".repeat(500), "body"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejectedBodies")
    void bodiesThatAreNotAJsonObjectAreRejected(String label, String body, String field) {
        assertRejectedNaming(field, () -> DarajaParser.object(utf8(body)));
    }

    static Stream<Arguments> rejectedStk() {
        String longId = "\"ws_CO_" + "1".repeat(65) + "\"";
        return Stream.of(
                // envelope
                Arguments.of("no Body", "{}", "Body"),
                Arguments.of("Body null", "{\"Body\":null}", "Body"),
                Arguments.of("Body as array", "{\"Body\":[{\"stkCallback\":{}}]}", "Body"),
                Arguments.of("Body as string", "{\"Body\":\"stkCallback\"}", "Body"),
                Arguments.of("no stkCallback", "{\"Body\":{}}", "Body.stkCallback"),
                Arguments.of("stkCallback null", "{\"Body\":{\"stkCallback\":null}}", "Body.stkCallback"),
                Arguments.of("stkCallback as string", "{\"Body\":{\"stkCallback\":\"{}\"}}", "Body.stkCallback"),
                Arguments.of("stkCallback as array", "{\"Body\":{\"stkCallback\":[]}}", "Body.stkCallback"),
                Arguments.of("lowercase body key", F1.replace("\"Body\"", "\"body\""), "Body"),
                // CheckoutRequestID
                Arguments.of("missing CheckoutRequestID", envelope("\"ResultCode\":0"), "CheckoutRequestID"),
                Arguments.of("CheckoutRequestID null", withCheckout("null"), "CheckoutRequestID"),
                Arguments.of("CheckoutRequestID empty", withCheckout("\"\""), "CheckoutRequestID"),
                Arguments.of("CheckoutRequestID blank", withCheckout("\"   \""), "CheckoutRequestID"),
                Arguments.of("CheckoutRequestID object", withCheckout("{\"id\":1}"), "CheckoutRequestID"),
                Arguments.of("CheckoutRequestID array", withCheckout("[\"ws_CO_1\"]"), "CheckoutRequestID"),
                Arguments.of("CheckoutRequestID boolean", withCheckout("true"), "CheckoutRequestID"),
                Arguments.of("CheckoutRequestID 71 chars", withCheckout(longId), "CheckoutRequestID"),
                // ResultCode
                Arguments.of("missing ResultCode", envelope("\"CheckoutRequestID\":\"ws_CO_1\""), "ResultCode"),
                Arguments.of("ResultCode null", withResultCode("null"), "ResultCode"),
                Arguments.of("ResultCode array", withResultCode("[0]"), "ResultCode"),
                Arguments.of("ResultCode empty array", withResultCode("[]"), "ResultCode"),
                Arguments.of("ResultCode object", withResultCode("{\"code\":0}"), "ResultCode"),
                Arguments.of("ResultCode boolean", withResultCode("false"), "ResultCode"),
                Arguments.of("ResultCode fraction", withResultCode("1.5"), "ResultCode"),
                Arguments.of("ResultCode empty string", withResultCode("\"\""), "ResultCode"),
                Arguments.of("ResultCode blank string", withResultCode("\"  \""), "ResultCode"),
                Arguments.of("ResultCode 33 chars", withResultCode("\"" + "X".repeat(33) + "\""), "ResultCode"),
                // other texts with a wrong type
                Arguments.of("MerchantRequestID object",
                        envelope("\"MerchantRequestID\":{},\"CheckoutRequestID\":\"ws_CO_1\",\"ResultCode\":1"), "MerchantRequestID"),
                Arguments.of("ResultDesc array",
                        envelope("\"CheckoutRequestID\":\"ws_CO_1\",\"ResultCode\":1,\"ResultDesc\":[\"x\"]"), "ResultDesc"),
                // success without or with a broken CallbackMetadata / Item
                Arguments.of("success without CallbackMetadata", withResultCode("0"), "CallbackMetadata"),
                Arguments.of("CallbackMetadata null", successWithMetadata("null"), "CallbackMetadata"),
                Arguments.of("CallbackMetadata array", successWithMetadata("[" + AMOUNT + "]"), "CallbackMetadata"),
                Arguments.of("CallbackMetadata string", successWithMetadata("\"Item\""), "CallbackMetadata"),
                Arguments.of("Item missing", successWithMetadata("{}"), "Item"),
                Arguments.of("Item null", successWithMetadata("{\"Item\":null}"), "Item"),
                Arguments.of("Item not an array (object)", successWithMetadata("{\"Item\":" + AMOUNT + "}"), "Item"),
                Arguments.of("Item not an array (string)", successWithMetadata("{\"Item\":\"Amount\"}"), "Item"),
                Arguments.of("Item entries are numbers", successWithMetadata("{\"Item\":[1,2,3]}"), "Item"),
                Arguments.of("Item entries are strings", successWithMetadata("{\"Item\":[\"Amount\",\"1500\"]}"), "Item"),
                Arguments.of("Item entry null", successWithItems("null", AMOUNT, RECEIPT, PHONE), "Item"),
                Arguments.of("Item entry array", successWithItems("[" + AMOUNT + "]", RECEIPT, PHONE), "Item"),
                // success without a required item
                Arguments.of("success without Amount", successWithout("Amount"), "Amount"),
                Arguments.of("success without MpesaReceiptNumber", successWithout("MpesaReceiptNumber"), "MpesaReceiptNumber"),
                Arguments.of("success without PhoneNumber", successWithout("PhoneNumber"), "PhoneNumber"),
                Arguments.of("success with no items at all", successWithItems(), "Amount"),
                Arguments.of("Amount without Value", successWithItems("{\"Name\":\"Amount\"}", RECEIPT, PHONE), "Amount"),
                Arguments.of("Amount name in lower case", successWithItems(item("amount", "1500"), RECEIPT, PHONE), "Amount"),
                // Amount: wrong types
                Arguments.of("Amount null", successWith("Amount", "null"), "Amount"),
                Arguments.of("Amount object", successWith("Amount", "{\"value\":1500}"), "Amount"),
                Arguments.of("Amount array", successWith("Amount", "[1500]"), "Amount"),
                Arguments.of("Amount boolean", successWith("Amount", "true"), "Amount"),
                Arguments.of("Amount text", successWith("Amount", "\"fifteen hundred\""), "Amount"),
                Arguments.of("Amount empty string", successWith("Amount", "\"\""), "Amount"),
                Arguments.of("Amount with thousands separator", successWith("Amount", "\"1,500\""), "Amount"),
                Arguments.of("Amount NaN", successWith("Amount", "\"NaN\""), "Amount"),
                Arguments.of("Amount Infinity", successWith("Amount", "\"Infinity\""), "Amount"),
                Arguments.of("Amount hex", successWith("Amount", "\"0x5DC\""), "Amount"),
                // Amount: values out of range
                Arguments.of("Amount 1e400", successWith("Amount", "1e400"), "Amount"),
                Arguments.of("Amount -1e400", successWith("Amount", "-1e400"), "Amount"),
                Arguments.of("Amount \"1e400\"", successWith("Amount", "\"1e400\""), "Amount"),
                Arguments.of("Amount 12345678901234567890", successWith("Amount", "12345678901234567890"), "Amount"),
                Arguments.of("Amount 1000000000", successWith("Amount", "1000000000"), "Amount"),
                Arguments.of("Amount negative", successWith("Amount", "-5"), "Amount"),
                Arguments.of("Amount negative cents", successWith("Amount", "\"-0.01\""), "Amount"),
                Arguments.of("Amount zero", successWith("Amount", "0"), "Amount"),
                Arguments.of("Amount 0.00", successWith("Amount", "0.00"), "Amount"),
                Arguments.of("Amount \"0\"", successWith("Amount", "\"0\""), "Amount"),
                Arguments.of("Amount 3 decimals", successWith("Amount", "1.005"), "Amount"),
                Arguments.of("Amount 0.001", successWith("Amount", "0.001"), "Amount"),
                Arguments.of("Amount \"1500.125\"", successWith("Amount", "\"1500.125\""), "Amount"),
                Arguments.of("Amount 1e-3", successWith("Amount", "1e-3"), "Amount"),
                // MpesaReceiptNumber
                Arguments.of("receipt null", successWith("MpesaReceiptNumber", "null"), "MpesaReceiptNumber"),
                Arguments.of("receipt object", successWith("MpesaReceiptNumber", "{}"), "MpesaReceiptNumber"),
                Arguments.of("receipt array", successWith("MpesaReceiptNumber", "[\"UC58K2QW7P\"]"), "MpesaReceiptNumber"),
                Arguments.of("receipt boolean", successWith("MpesaReceiptNumber", "true"), "MpesaReceiptNumber"),
                Arguments.of("receipt empty", successWith("MpesaReceiptNumber", "\"\""), "MpesaReceiptNumber"),
                Arguments.of("receipt too short", successWith("MpesaReceiptNumber", "\"UC58\""), "MpesaReceiptNumber"),
                Arguments.of("receipt 21 chars", successWith("MpesaReceiptNumber", "\"" + "A".repeat(21) + "\""), "MpesaReceiptNumber"),
                Arguments.of("receipt punctuation", successWith("MpesaReceiptNumber", "\"UC58K2QW7P!\""), "MpesaReceiptNumber"),
                Arguments.of("receipt inner space", successWith("MpesaReceiptNumber", "\"UC58 K2QW7P\""), "MpesaReceiptNumber"),
                Arguments.of("receipt with umlaut", successWith("MpesaReceiptNumber", "\"\u00dcC58K2QW7P\""), "MpesaReceiptNumber"),
                Arguments.of("receipt fullwidth digit", successWith("MpesaReceiptNumber", "\"UC\uff158K2QW7P\""), "MpesaReceiptNumber"),
                Arguments.of("receipt emoji", successWith("MpesaReceiptNumber", "\"UC58K2QW7\ud83d\ude00\""), "MpesaReceiptNumber"),
                Arguments.of("receipt cyrillic", successWith("MpesaReceiptNumber", "\"U\u042158K2QW7P\""), "MpesaReceiptNumber"),
                // PhoneNumber
                Arguments.of("PhoneNumber null", successWith("PhoneNumber", "null"), "PhoneNumber"),
                Arguments.of("PhoneNumber object", successWith("PhoneNumber", "{\"n\":254708374149}"), "PhoneNumber"),
                Arguments.of("PhoneNumber array", successWith("PhoneNumber", "[254708374149]"), "PhoneNumber"),
                Arguments.of("PhoneNumber boolean", successWith("PhoneNumber", "false"), "PhoneNumber"),
                Arguments.of("PhoneNumber float that is not whole", successWith("PhoneNumber", "2.547083741495E11"), "PhoneNumber"),
                Arguments.of("PhoneNumber with a fraction", successWith("PhoneNumber", "254708374149.5"), "PhoneNumber"),
                Arguments.of("PhoneNumber 1e2147483647", successWith("PhoneNumber", "1e2147483647"), "PhoneNumber"),
                Arguments.of("PhoneNumber without Value",
                        successWithItems(AMOUNT, RECEIPT, "{\"Name\":\"PhoneNumber\"}"), "PhoneNumber"),
                // TransactionDate
                Arguments.of("TransactionDate ISO", successWith("TransactionDate", "\"2026-03-05T14:32:27\""), "TransactionDate"),
                Arguments.of("TransactionDate month 13", successWith("TransactionDate", "20261305143227"), "TransactionDate"),
                Arguments.of("TransactionDate fraction", successWith("TransactionDate", "20260305143227.5"), "TransactionDate"),
                Arguments.of("TransactionDate object", successWith("TransactionDate", "{}"), "TransactionDate"),
                Arguments.of("TransactionDate boolean", successWith("TransactionDate", "true"), "TransactionDate"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejectedStk")
    void invalidStkCallbacksAreRejectedNamingTheField(String label, String json, String field) {
        assertRejectedNaming(field, () -> stk(json));
    }

    static Stream<Arguments> rejectedC2b() {
        return Stream.of(
                Arguments.of("empty object", "{}", "TransID"),
                Arguments.of("STK payload on the C2B URL", F1, "TransID"),
                Arguments.of("TransID missing", c2bWithout("TransID"), "TransID"),
                Arguments.of("TransID null", c2bWith("TransID", "null"), "TransID"),
                Arguments.of("TransID empty", c2bWith("TransID", "\"\""), "TransID"),
                Arguments.of("TransID object", c2bWith("TransID", "{}"), "TransID"),
                Arguments.of("TransID array", c2bWith("TransID", "[\"UC5A1B2C3D\"]"), "TransID"),
                Arguments.of("TransID punctuation", c2bWith("TransID", "\"UC5A-1B2C3D\""), "TransID"),
                Arguments.of("TransID unicode", c2bWith("TransID", "\"UC5A1B2C3\u00d0\""), "TransID"),
                Arguments.of("TransAmount missing", c2bWithout("TransAmount"), "TransAmount"),
                Arguments.of("TransAmount null", c2bWith("TransAmount", "null"), "TransAmount"),
                Arguments.of("TransAmount empty", c2bWith("TransAmount", "\"\""), "TransAmount"),
                Arguments.of("TransAmount text", c2bWith("TransAmount", "\"ten\""), "TransAmount"),
                Arguments.of("TransAmount negative", c2bWith("TransAmount", "\"-10\""), "TransAmount"),
                Arguments.of("TransAmount zero", c2bWith("TransAmount", "\"0.00\""), "TransAmount"),
                Arguments.of("TransAmount 3 decimals", c2bWith("TransAmount", "\"2500.001\""), "TransAmount"),
                Arguments.of("TransAmount 1e400", c2bWith("TransAmount", "1e400"), "TransAmount"),
                Arguments.of("TransAmount object", c2bWith("TransAmount", "{}"), "TransAmount"),
                Arguments.of("TransAmount array", c2bWith("TransAmount", "[\"10\"]"), "TransAmount"),
                Arguments.of("TransAmount boolean", c2bWith("TransAmount", "true"), "TransAmount"),
                Arguments.of("TransTime not a time", c2bWith("TransTime", "\"yesterday\""), "TransTime"),
                Arguments.of("TransTime array", c2bWith("TransTime", "[]"), "TransTime"),
                Arguments.of("MSISDN object", c2bWith("MSISDN", "{\"hash\":\"x\"}"), "MSISDN"),
                Arguments.of("BillRefNumber array", c2bWith("BillRefNumber", "[\"INV-00042\"]"), "BillRefNumber"),
                Arguments.of("BusinessShortCode boolean", c2bWith("BusinessShortCode", "true"), "BusinessShortCode"),
                Arguments.of("FirstName object", c2bWith("FirstName", "{}"), "FirstName"),
                Arguments.of("TransactionType array", c2bWith("TransactionType", "[]"), "TransactionType"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejectedC2b")
    void invalidC2bNotificationsAreRejectedNamingTheField(String label, String json, String field) {
        assertRejectedNaming(field, () -> c2b(json));
    }

    @Test
    void builderSanity() throws Exception {
        // the helpers above must produce what the cases assume, or the rejection table proves nothing
        StkResult ok = stk(successWith("Amount", "1500"));
        assertEquals(new BigDecimal("1500.00"), ok.amount());
        assertEquals("ws_CO_1", ok.checkoutRequestId());
        assertEquals(new BigDecimal("2500.00"), c2b(c2bWith("TransAmount", "\"2500.00\"")).amount());
        assertTrue(c2bWith("MSISDN", "{}").contains("\"MSISDN\":{}"));
        assertFalse(c2bWithout("TransID").contains("\"TransID\""));
        assertFalse(successWithout("PhoneNumber").contains("PhoneNumber"));
        assertEquals("1032", stk(withCheckout("\"ws_CO_1\"")).resultCode());
    }

    // ---------------------------------------------------------------- production bugs (see the report)

    /** Regressions: each asserts what the contract requires and failed against the code before its fix. */
    @Nested
    class Regressions {

        /** Parsson stops at depth 1000 with a plain RuntimeException, which object() does not translate. */
        @Test
        void tenThousandNestedArraysFailCleanly() {
            String deep = "[".repeat(10_000) + "]".repeat(10_000);
            assertRejectedOnlyWithInvalidPayload(() -> DarajaParser.object(utf8(deep)));
        }

        @Test
        void tenThousandNestedObjectsInsideAValidCallbackFailCleanly() {
            String deep = "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000);
            String json = F1.strip().replace("\"ResultDesc\"", "\"Deep\":" + deep + ",\"ResultDesc\"");
            assertRejectedOnlyWithInvalidPayload(() -> stk(json));
        }

        /** text() calls BigDecimal.toPlainString() on any number: 1e2147483647 → NegativeArraySizeException. */
        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {"Amount", "TransactionDate", "MpesaReceiptNumber"})
        void numberWithAHugeExponentIsRejectedNamingTheField(String name) {
            assertRejectedNamingOnly(name, () -> stk(successWith(name, "1e2147483647")));
        }

        @Test
        void checkoutRequestIdWithAHugeExponentIsRejected() {
            assertRejectedNamingOnly("CheckoutRequestID", () -> stk(withCheckout("1e2147483647")));
        }

        @Test
        void c2bTransAmountWithAHugeExponentIsRejected() {
            assertRejectedNamingOnly("TransAmount", () -> c2b(c2bWith("TransAmount", "1e2147483647")));
        }

        /**
         * A numeric ResultCode is not length-checked (a string one is, 1..32 chars): 1e40 becomes a 41-digit code
         * that cannot fit payment.result_code VARCHAR(32); 1e10000000 takes many seconds of CPU.
         */
        @Test
        void numericResultCodeLongerThan32DigitsIsRejected() {
            assertRejectedNamingOnly("ResultCode", () -> stk(withResultCode("1e40")));
            assertRejectedNamingOnly("ResultCode", () -> stk(withResultCode("123456789012345678901234567890123")));
        }

        /** receipt() upper-cases before validating: "ſ" (U+017F) becomes "S" and "ß" becomes "SS". */
        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {"uc58k2qw7\u017f", "UC58K2QW\u00df", "uc58k2qw7\u0131"})
        void nonAsciiLettersThatUpperCaseToAsciiAreRejected(String receipt) {
            assertRejectedNamingOnly("MpesaReceiptNumber", () -> stk(successWith("MpesaReceiptNumber", "\"" + receipt + "\"")));
        }

        @Test
        void c2bTransIdWithNonAsciiLetterIsRejected() {
            assertRejectedNamingOnly("TransID", () -> c2b(c2bWith("TransID", "\"uc5a1b2c3\u017f\"")));
        }

        /** Contract §2 rule 2: not valid JSON is a 400; Parsson's readValue() ignores what follows the first value. */
        @Test
        void trailingDataAfterTheObjectIsNotValidJson() {
            assertRejectedNamingOnly("body", () -> DarajaParser.object(utf8(F1.strip() + " trailing")));
            assertRejectedNamingOnly("body", () -> DarajaParser.object(utf8(F1.strip() + F5.strip())));
        }

        private void assertRejectedOnlyWithInvalidPayload(Executable call) {
            assertRejectedNamingOnly("", call);
        }

        private void assertRejectedNamingOnly(String field, Executable call) {
            Throwable thrown = null;
            try {
                call.run();
            } catch (Throwable t) {
                thrown = t;
            }
            if (thrown == null) {
                fail("accepted; expected InvalidPayloadException naming '" + field + "'");
            }
            if (!(thrown instanceof InvalidPayloadException)) {
                fail("expected InvalidPayloadException naming '" + field + "' but got " + thrown, thrown);
            }
            assertTrue(thrown.getMessage().contains(field), thrown.getMessage());
        }
    }
}
