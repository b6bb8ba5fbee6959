package ke.thibitisha.intake;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import static ke.thibitisha.platform.JsonProviders.JSON;

/**
 * Reads Daraja's callbacks the way they really arrive (see shared/reference/daraja.md §1.2, §3.2):
 * metadata items by {@code Name}, never by position; {@code ResultCode} as number or string;
 * {@code Amount} as {@code 1}, {@code 1.00} or {@code "1.00"}; {@code PhoneNumber} as number, string or
 * float literal; {@code Balance} missing or without a value.
 */
public final class DarajaParser {

    static final DateTimeFormatter DARAJA_TIME = DateTimeFormatter.ofPattern("uuuuMMddHHmmss");
    private static final BigDecimal MAX_AMOUNT = new BigDecimal("999999999.99");

    private DarajaParser() {
    }

    /** Parses bytes into exactly one JSON object: nothing may follow it, and hostile nesting is refused cleanly. */
    public static JsonObject object(byte[] body) throws InvalidPayloadException {
        if (body.length == 0) {
            throw new InvalidPayloadException("empty body: expected a JSON object");
        }
        try (JsonParser parser = JSON.createParser(new ByteArrayInputStream(body))) {
            if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
                throw new InvalidPayloadException("body is JSON but not an object");
            }
            JsonObject object = parser.getObject();
            if (parser.hasNext()) {
                throw new InvalidPayloadException("body has data after the JSON object");
            }
            return object;
        } catch (RuntimeException e) {
            // JsonException for bad syntax; Parsson's plain RuntimeException for nesting beyond its limit
            throw new InvalidPayloadException("body is not valid JSON");
        }
    }

    public static StkResult stk(JsonObject root) throws InvalidPayloadException {
        JsonObject body = requireObject(root, "Body", "Body");
        JsonObject callback = requireObject(body, "stkCallback", "Body.stkCallback");
        String checkout = requireText(callback, "CheckoutRequestID", "Body.stkCallback.CheckoutRequestID");
        if (checkout.length() > 70) {
            throw new InvalidPayloadException("Body.stkCallback.CheckoutRequestID is longer than 70 characters");
        }
        String resultCode = requireCode(callback, "ResultCode", "Body.stkCallback.ResultCode");
        String merchant = optionalText(callback, "MerchantRequestID", "Body.stkCallback.MerchantRequestID");
        if (merchant != null && merchant.length() > 80) {
            throw new InvalidPayloadException("Body.stkCallback.MerchantRequestID is longer than 80 characters");
        }
        String desc = prose(optionalText(callback, "ResultDesc", "Body.stkCallback.ResultDesc"));
        if (!"0".equals(resultCode)) {
            return new StkResult(merchant, checkout, resultCode, desc, null, null, null, null, null);
        }
        JsonObject metadata = requireObject(callback, "CallbackMetadata", "Body.stkCallback.CallbackMetadata");
        JsonValue itemsValue = metadata.get("Item");
        if (itemsValue == null || itemsValue.getValueType() != JsonValue.ValueType.ARRAY) {
            throw new InvalidPayloadException("Body.stkCallback.CallbackMetadata.Item is missing or not an array");
        }
        MetadataItems items = new MetadataItems(itemsValue.asJsonArray());
        BigDecimal amount = amount(items.require("Amount"), "CallbackMetadata Item Amount");
        String receipt = receipt(text(items.require("MpesaReceiptNumber"), "CallbackMetadata Item MpesaReceiptNumber"),
                "CallbackMetadata Item MpesaReceiptNumber");
        String phone = phoneText(items.require("PhoneNumber"));
        LocalDateTime date = items.find("TransactionDate") == null ? null
                : time(text(items.find("TransactionDate"), "CallbackMetadata Item TransactionDate"),
                "CallbackMetadata Item TransactionDate");
        JsonValue balanceValue = items.find("Balance");
        BigDecimal balance = balanceValue == null || balanceValue.getValueType() == JsonValue.ValueType.NULL
                ? null : optionalDecimal(balanceValue);
        return new StkResult(merchant, checkout, resultCode, desc, amount, receipt, phone, date, balance);
    }

    public static C2bNotification c2b(JsonObject root) throws InvalidPayloadException {
        String transId = receipt(requireText(root, "TransID", "TransID"), "TransID");
        BigDecimal amount = amount(root.get("TransAmount"), "TransAmount");
        String transTime = optionalText(root, "TransTime", "TransTime");
        String billRef = optionalText(root, "BillRefNumber", "BillRefNumber");
        if (billRef != null && billRef.length() > 64) {
            throw new InvalidPayloadException("BillRefNumber is longer than 64 characters");
        }
        return new C2bNotification(
                optionalText(root, "TransactionType", "TransactionType"),
                transId,
                transTime == null || transTime.isEmpty() ? null : time(transTime, "TransTime"),
                amount,
                optionalText(root, "BusinessShortCode", "BusinessShortCode"),
                billRef,
                optionalText(root, "MSISDN", "MSISDN"),
                optionalText(root, "FirstName", "FirstName"));
    }

    /** The metadata items, looked up by {@code Name}. */
    private static final class MetadataItems {
        private final JsonArray items;

        MetadataItems(JsonArray items) {
            this.items = items;
        }

        /** The item's {@code Value}; JSON null when the item is there without a value; Java null when absent. */
        JsonValue find(String name) throws InvalidPayloadException {
            for (JsonValue item : items) {
                if (item.getValueType() != JsonValue.ValueType.OBJECT) {
                    throw new InvalidPayloadException("CallbackMetadata.Item contains something that is not an object");
                }
                JsonValue itemName = item.asJsonObject().get("Name");
                if (itemName instanceof JsonString s && s.getString().equals(name)) {
                    JsonValue value = item.asJsonObject().get("Value");
                    return value == null ? JsonValue.NULL : value;
                }
            }
            return null;
        }

        JsonValue require(String name) throws InvalidPayloadException {
            JsonValue value = find(name);
            if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
                throw new InvalidPayloadException("CallbackMetadata Item " + name + " is missing");
            }
            return value;
        }
    }

    /** Free text we keep but never act on: cut to what the column holds. */
    private static String prose(String text) {
        return text == null || text.length() <= 500 ? text : text.substring(0, 500);
    }

    private static JsonObject requireObject(JsonObject parent, String key, String path) throws InvalidPayloadException {
        JsonValue value = parent.get(key);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            throw new InvalidPayloadException(path + " is missing");
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new InvalidPayloadException(path + " is not an object");
        }
        return value.asJsonObject();
    }

    private static String requireText(JsonObject parent, String key, String path) throws InvalidPayloadException {
        String text = optionalText(parent, key, path);
        if (text == null || text.isBlank()) {
            throw new InvalidPayloadException(path + " is missing");
        }
        return text.trim();
    }

    private static String optionalText(JsonObject parent, String key, String path) throws InvalidPayloadException {
        JsonValue value = parent.get(key);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        return text(value, path);
    }

    /** A string, or a number written as text; anything else is a type error naming the field. */
    private static String text(JsonValue value, String path) throws InvalidPayloadException {
        return switch (value.getValueType()) {
            case STRING -> withoutNul(((JsonString) value).getString(), path);
            case NUMBER -> sensible(((JsonNumber) value).bigDecimalValue(), path).toPlainString();
            default -> throw new InvalidPayloadException(path + " must be a string or a number");
        };
    }

    /** PostgreSQL text cannot hold U+0000, and no Daraja field has one: a 400 naming the field, not a failed insert. */
    private static String withoutNul(String text, String path) throws InvalidPayloadException {
        if (text.indexOf('\u0000') >= 0) {
            throw new InvalidPayloadException(path + " contains a NUL character");
        }
        return text;
    }

    /**
     * No field of Daraja's holds more than a few dozen digits. {@code 1e2147483647} is 14 bytes of JSON but
     * would expand into gigabytes of text, so such numbers are refused before anything prints them.
     */
    private static BigDecimal sensible(BigDecimal number, String path) throws InvalidPayloadException {
        if ((long) number.precision() - number.scale() > 40 || number.scale() > 40) {
            throw new InvalidPayloadException(path + " is not a sensible number");
        }
        return number;
    }

    private static String requireCode(JsonObject parent, String key, String path) throws InvalidPayloadException {
        JsonValue value = parent.get(key);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            throw new InvalidPayloadException(path + " is missing");
        }
        if (value instanceof JsonNumber number) {
            BigDecimal code = sensible(number.bigDecimalValue(), path);
            if (code.stripTrailingZeros().scale() > 0) {
                throw new InvalidPayloadException(path + " must be a whole number or a string");
            }
            String digits = code.toBigInteger().toString();
            if (digits.length() > 32) {
                throw new InvalidPayloadException(path + " must be 1 to 32 characters");
            }
            return digits;
        }
        String code = text(value, path).trim();
        if (code.isEmpty() || code.length() > 32) {
            throw new InvalidPayloadException(path + " must be 1 to 32 characters");
        }
        return code;
    }

    private static BigDecimal amount(JsonValue value, String path) throws InvalidPayloadException {
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            throw new InvalidPayloadException(path + " is missing");
        }
        BigDecimal amount;
        try {
            amount = new BigDecimal(text(value, path).trim());
        } catch (NumberFormatException e) {
            throw new InvalidPayloadException(path + " is not a number");
        }
        if (amount.signum() <= 0 || amount.compareTo(MAX_AMOUNT) > 0 || amount.stripTrailingZeros().scale() > 2) {
            throw new InvalidPayloadException(path + " must be between 0.01 and 999999999.99 with at most 2 decimals");
        }
        return amount.setScale(2);
    }

    private static BigDecimal optionalDecimal(JsonValue value) {
        try {
            return value instanceof JsonNumber n ? n.bigDecimalValue() : new BigDecimal(((JsonString) value).getString().trim());
        } catch (RuntimeException e) {
            return null; // Balance is informational: a strange one is ignored, not fatal
        }
    }

    /** Checked before upper-casing: {@code "ſ".toUpperCase()} is {@code "S"}, and two receipts must never merge. */
    private static String receipt(String value, String path) throws InvalidPayloadException {
        String receipt = value.trim();
        if (!receipt.matches("[A-Za-z0-9]{6,20}")) {
            throw new InvalidPayloadException(path + " must be 6 to 20 letters and digits");
        }
        return receipt.toUpperCase(java.util.Locale.ROOT);
    }

    /** The payer's number as text; a JSON number keeps all its digits (a double would print 2.54708374149E11). */
    private static String phoneText(JsonValue value) throws InvalidPayloadException {
        return switch (value.getValueType()) {
            case NUMBER -> {
                try {
                    yield sensible(((JsonNumber) value).bigDecimalValue(), "CallbackMetadata Item PhoneNumber")
                            .toBigIntegerExact().toString();
                } catch (ArithmeticException e) {
                    throw new InvalidPayloadException("CallbackMetadata Item PhoneNumber must be a whole number");
                }
            }
            case STRING -> ((JsonString) value).getString().trim();
            default -> throw new InvalidPayloadException("CallbackMetadata Item PhoneNumber must be a string or a number");
        };
    }

    private static LocalDateTime time(String value, String path) throws InvalidPayloadException {
        try {
            return LocalDateTime.parse(value.trim(), DARAJA_TIME);
        } catch (DateTimeParseException e) {
            throw new InvalidPayloadException(path + " must be yyyyMMddHHmmss (Nairobi time)");
        }
    }
}
