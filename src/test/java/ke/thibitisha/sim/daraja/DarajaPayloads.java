package ke.thibitisha.sim.daraja;

import jakarta.json.JsonObject;
import ke.thibitisha.sim.SimJson;

import java.math.BigDecimal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * Daraja callback bodies in the documented shapes (daraja.md §1.2, §3.2, §9 F1–F13), each with fresh unique ids;
 * every builder has an overload whose first argument is a caller-chosen CheckoutRequestID (STK) or TransID (C2B).
 * STK bodies are written by hand so that number literals come out exactly as Daraja writes them
 * ({@code 1} vs {@code 1.00}, {@code 2.54708374149E11}). Phone arguments may be {@code +2547…}, {@code 2547…} or
 * {@code 07…}.
 */
public final class DarajaPayloads {

    /** The documented STK failure codes with their official descriptions (§1.3), plus the unlisted 1036. */
    public static final Map<Integer, String> FAILURE_DESCRIPTIONS = failureDescriptions();
    /** The BusinessShortCode written into C2B bodies: the app's default paybill. */
    public static final String C2B_SHORTCODE = "174379";

    private static final String SUCCESS_DESC = "The service request is processed successfully.";

    private DarajaPayloads() {
    }

    // ---- STK success -----------------------------------------------------------------------------------------

    /** F1: four items, integer Amount, PhoneNumber a 12-digit number, no Balance item. */
    public static String stkSuccess(long amount, String phone) {
        return stkSuccess(DarajaIds.checkoutRequestId(msisdn(phone)), amount, phone);
    }

    public static String stkSuccess(String checkoutRequestId, long amount, String phone) {
        return stk(DarajaIds.merchantRequestId(), checkoutRequestId, "0", SUCCESS_DESC, List.of(
                item("Amount", Long.toString(amount)),
                item("MpesaReceiptNumber", quoted(DarajaIds.receipt())),
                item("TransactionDate", DarajaIds.timestamp()),
                item("PhoneNumber", msisdn(phone))));
    }

    /** F2: older shape: decimal Amount such as {@code 1.00}, a value-less {@code {"Name":"Balance"}}, old ids. */
    public static String stkSuccessDecimalValuelessBalance(BigDecimal amount, String phone) {
        return stkSuccessDecimalValuelessBalance(DarajaIds.oldCheckoutRequestId(), amount, phone);
    }

    public static String stkSuccessDecimalValuelessBalance(String checkoutRequestId, BigDecimal amount, String phone) {
        return stk(DarajaIds.oldMerchantRequestId(), checkoutRequestId, "0", SUCCESS_DESC, List.of(
                item("Amount", amount.setScale(Math.max(2, amount.scale())).toPlainString()),
                item("MpesaReceiptNumber", quoted(DarajaIds.receipt())),
                "{\"Name\":\"Balance\"}",
                item("TransactionDate", DarajaIds.timestamp()),
                item("PhoneNumber", msisdn(phone))));
    }

    /** F3: Balance with a value, items in another order (receipt first). */
    public static String stkSuccessReordered(long amount, String phone) {
        return stkSuccessReordered(DarajaIds.checkoutRequestId(msisdn(phone)), amount, phone);
    }

    public static String stkSuccessReordered(String checkoutRequestId, long amount, String phone) {
        return stk(DarajaIds.merchantRequestId(), checkoutRequestId, "0", SUCCESS_DESC, List.of(
                item("MpesaReceiptNumber", quoted(DarajaIds.receipt())),
                item("Amount", Long.toString(amount)),
                item("TransactionDate", DarajaIds.timestamp()),
                item("Balance", "32009.9"),
                item("PhoneNumber", msisdn(phone))));
    }

    /** F4: Amount and PhoneNumber as JSON strings (e.g. {@code "1.00"}). */
    public static String stkSuccessStringTypes(String amount, String phone) {
        return stkSuccessStringTypes(DarajaIds.checkoutRequestId(msisdn(phone)), amount, phone);
    }

    public static String stkSuccessStringTypes(String checkoutRequestId, String amount, String phone) {
        return stk(DarajaIds.merchantRequestId(), checkoutRequestId, "0", SUCCESS_DESC, List.of(
                item("Amount", quoted(amount)),
                item("MpesaReceiptNumber", quoted(DarajaIds.receipt())),
                item("TransactionDate", DarajaIds.timestamp()),
                item("PhoneNumber", quoted(msisdn(phone)))));
    }

    /** PhoneNumber as a float literal ({@code 2.54722123456E11}), as a double-mapping client would send it. */
    public static String stkSuccessFloatPhone(long amount, String phone) {
        return stkSuccessFloatPhone(DarajaIds.checkoutRequestId(msisdn(phone)), amount, phone);
    }

    public static String stkSuccessFloatPhone(String checkoutRequestId, long amount, String phone) {
        String digits = msisdn(phone);
        String floatLiteral = digits.charAt(0) + "." + digits.substring(1).replaceAll("0+$", "")
                + "E" + (digits.length() - 1);
        return stk(DarajaIds.merchantRequestId(), checkoutRequestId, "0", SUCCESS_DESC, List.of(
                item("Amount", Long.toString(amount)),
                item("MpesaReceiptNumber", quoted(DarajaIds.receipt())),
                item("TransactionDate", DarajaIds.timestamp()),
                item("PhoneNumber", floatLiteral)));
    }

    /** Success with ResultCode as the JSON string {@code "0"} (which counts as success). */
    public static String stkSuccessStringResultCode(long amount, String phone) {
        return stkSuccessStringResultCode(DarajaIds.checkoutRequestId(msisdn(phone)), amount, phone);
    }

    public static String stkSuccessStringResultCode(String checkoutRequestId, long amount, String phone) {
        return stk(DarajaIds.merchantRequestId(), checkoutRequestId, quoted("0"), SUCCESS_DESC, List.of(
                item("Amount", Long.toString(amount)),
                item("MpesaReceiptNumber", quoted(DarajaIds.receipt())),
                item("TransactionDate", DarajaIds.timestamp()),
                item("PhoneNumber", msisdn(phone))));
    }

    /** Malformed: ResultCode 0 without CallbackMetadata. */
    public static String stkSuccessWithoutMetadata() {
        return stkSuccessWithoutMetadata(DarajaIds.oldCheckoutRequestId());
    }

    public static String stkSuccessWithoutMetadata(String checkoutRequestId) {
        return stk(DarajaIds.merchantRequestId(), checkoutRequestId, "0", SUCCESS_DESC, null);
    }

    // ---- STK failure -----------------------------------------------------------------------------------------

    /** F5–F9: a numeric failure code, no CallbackMetadata. */
    public static String stkFailure(int resultCode, String resultDesc) {
        return stkFailure(DarajaIds.oldCheckoutRequestId(), resultCode, resultDesc);
    }

    public static String stkFailure(String checkoutRequestId, int resultCode, String resultDesc) {
        return stk(DarajaIds.merchantRequestId(), checkoutRequestId, Integer.toString(resultCode), resultDesc, null);
    }

    /** A failure with its documented description from {@link #FAILURE_DESCRIPTIONS}. */
    public static String stkFailure(int resultCode) {
        String desc = FAILURE_DESCRIPTIONS.get(resultCode);
        if (desc == null) {
            throw new IllegalArgumentException("no documented description for ResultCode " + resultCode);
        }
        return stkFailure(resultCode, desc);
    }

    /** F10: {@code "ResultCode":"SFC_IC0003"}, a string-typed code. */
    public static String stkStringResultCode() {
        return stkStringResultCode(DarajaIds.oldCheckoutRequestId());
    }

    public static String stkStringResultCode(String checkoutRequestId) {
        return stk(DarajaIds.oldMerchantRequestId(), checkoutRequestId, quoted("SFC_IC0003"),
                "The operator does not exist.", null);
    }

    // ---- C2B ---------------------------------------------------------------------------------------------------

    /** F11: validation request, v1: SHA-256-hashed MSISDN, OrgAccountBalance blank. */
    public static String c2bValidation(String transAmount, String billRefNumber, String phone) {
        return c2bValidation(DarajaIds.receipt(), transAmount, billRefNumber, phone);
    }

    public static String c2bValidation(String transId, String transAmount, String billRefNumber, String phone) {
        return c2b("Pay Bill", transId, transAmount, billRefNumber, "", "", hashMsisdn(phone),
                "NICHOLAS", "JOHN", "SONGOK");
    }

    /** F12: confirmation, v2: masked MSISDN ({@code 2547 ***** 126}), only FirstName filled. */
    public static String c2bConfirmationMasked(String transAmount, String billRefNumber, String phone) {
        return c2bConfirmationMasked(DarajaIds.receipt(), transAmount, billRefNumber, phone);
    }

    public static String c2bConfirmationMasked(String transId, String transAmount, String billRefNumber,
                                               String phone) {
        return c2b("Pay Bill", transId, transAmount, billRefNumber, "25.00", "", maskMsisdn(phone),
                "JANE", "", "");
    }

    /** F13: confirmation, v1: hashed MSISDN, carrying the ThirdPartyTransID our validation answer set. */
    public static String c2bConfirmationHashed(String transAmount, String billRefNumber, String phone,
                                               String thirdPartyTransId) {
        return c2bConfirmationHashed(DarajaIds.receipt(), transAmount, billRefNumber, phone, thirdPartyTransId);
    }

    public static String c2bConfirmationHashed(String transId, String transAmount, String billRefNumber,
                                               String phone, String thirdPartyTransId) {
        return c2b("Pay Bill", transId, transAmount, billRefNumber, "41880264.80", thirdPartyTransId,
                hashMsisdn(phone), "NICHOLAS", "JOHN", "SONGOK");
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    public static String checkoutRequestIdOf(String stkCallback) {
        return parse(stkCallback).getJsonObject("Body").getJsonObject("stkCallback").getString("CheckoutRequestID");
    }

    public static String transIdOf(String c2bBody) {
        return parse(c2bBody).getString("TransID");
    }

    /** {@code 254722123456}: digits only, Daraja's 12-digit form. */
    public static String msisdn(String phone) {
        String digits = phone.replaceAll("[^0-9]", "");
        if (digits.startsWith("0") && digits.length() == 10) {
            return "254" + digits.substring(1);
        }
        if (!digits.matches("254\\d{9}")) {
            throw new IllegalArgumentException("not a Kenyan number: " + phone);
        }
        return digits;
    }

    /** v1 C2B MSISDN: SHA-256 hex of the 12-digit number (the real hash input is undocumented). */
    public static String hashMsisdn(String phone) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(msisdn(phone).getBytes(UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** v2 C2B MSISDN: {@code 2547 ***** 126}. */
    public static String maskMsisdn(String phone) {
        String digits = msisdn(phone);
        return digits.substring(0, 4) + " ***** " + digits.substring(9);
    }

    private static String stk(String merchantRequestId, String checkoutRequestId, String resultCodeLiteral,
                              String resultDesc, List<String> items) {
        StringBuilder json = new StringBuilder()
                .append("{\"Body\":{\"stkCallback\":{")
                .append("\"MerchantRequestID\":").append(quoted(merchantRequestId))
                .append(",\"CheckoutRequestID\":").append(quoted(checkoutRequestId))
                .append(",\"ResultCode\":").append(resultCodeLiteral)
                .append(",\"ResultDesc\":").append(quoted(resultDesc));
        if (items != null) {
            json.append(",\"CallbackMetadata\":{\"Item\":[").append(String.join(",", items)).append("]}");
        }
        return json.append("}}}").toString();
    }

    private static String item(String name, String valueLiteral) {
        return "{\"Name\":" + quoted(name) + ",\"Value\":" + valueLiteral + "}";
    }

    private static String quoted(String text) {
        return SimJson.string(text).toString();
    }

    private static String c2b(String type, String transId, String amount, String billRef, String orgBalance,
                              String thirdPartyTransId, String msisdn, String first, String middle, String last) {
        return SimJson.object()
                .add("TransactionType", type)
                .add("TransID", transId)
                .add("TransTime", DarajaIds.timestamp())
                .add("TransAmount", amount)
                .add("BusinessShortCode", C2B_SHORTCODE)
                .add("BillRefNumber", billRef)
                .add("InvoiceNumber", "")
                .add("OrgAccountBalance", orgBalance)
                .add("ThirdPartyTransID", thirdPartyTransId)
                .add("MSISDN", msisdn)
                .add("FirstName", first)
                .add("MiddleName", middle)
                .add("LastName", last)
                .build().toString();
    }

    private static JsonObject parse(String json) {
        return SimJson.parseObject(json);
    }

    private static Map<Integer, String> failureDescriptions() {
        Map<Integer, String> codes = new LinkedHashMap<>();
        codes.put(1, "The balance is insufficient for the transaction.");
        codes.put(2, "Declined due to limit rule.");
        codes.put(3, "Declined due to limit rule: greater than the maximum transaction amount.");
        codes.put(4, "Declined due to limit rule: would exceed daily transfer limit.");
        codes.put(8, "Declined due to limit rule: would exceed the maximum balance.");
        codes.put(17, "Rule limited.");
        codes.put(1019, "Transaction has expired.");
        codes.put(1025, "An error occurred while sending a push request.");
        codes.put(1032, "Request cancelled by user");
        codes.put(1036, "SMSC ACK timeout.");
        codes.put(1037, "No response from user.");
        codes.put(2001, "The initiator information is invalid.");
        codes.put(2028, "The request is not permitted according to product assignment.");
        codes.put(8006, "The security credential is locked.");
        return Collections.unmodifiableMap(codes);
    }
}
