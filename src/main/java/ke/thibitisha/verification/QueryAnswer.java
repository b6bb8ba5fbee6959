package ke.thibitisha.verification;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.Set;

/**
 * What one STK Push Query told us (daraja.md §2). Only a final {@code ResultCode} decides: {@code 0} is paid, any
 * other final code is not. {@code 4999} (still processing), every error envelope ({@code 500.001.1001}, which
 * Daraja also answers for real payments, spike arrest {@code 500.003.02}, quota {@code 500.003.03}, …), other
 * statuses, time-outs and connection errors prove nothing: ask again later.
 */
record QueryAnswer(Verdict verdict, String code, String description) {

    enum Verdict { PAID, NOT_PAID, NO_ANSWER }

    static final String SPIKE_ARREST = "500.003.02";
    static final String QUOTA = "500.003.03";
    static final String INVALID_TOKEN = "404.001.03";
    /** Result codes that describe a busy system rather than the payment (daraja.md §1.3): not final. */
    private static final Set<String> NOT_FINAL = Set.of("4999", "26", "1001");

    static QueryAnswer of(int httpStatus, JsonObject body) {
        String resultCode = text(body, "ResultCode");
        if (httpStatus >= 200 && httpStatus < 300 && resultCode != null) {
            String description = text(body, "ResultDesc");
            if (resultCode.equals("0")) {
                return new QueryAnswer(Verdict.PAID, resultCode, description);
            }
            return new QueryAnswer(NOT_FINAL.contains(resultCode) ? Verdict.NO_ANSWER : Verdict.NOT_PAID,
                    resultCode, description);
        }
        String errorCode = text(body, "errorCode");
        if (errorCode != null) {
            return noAnswer(errorCode, text(body, "errorMessage"));
        }
        return noAnswer("http_" + httpStatus, httpStatus < 300 ? "answer without a ResultCode" : null);
    }

    static QueryAnswer noAnswer(String code, String description) {
        return new QueryAnswer(Verdict.NO_ANSWER, code, description);
    }

    /** Daraja asks us to slow down: the paybill's next queries wait. */
    boolean throttled() {
        return SPIKE_ARREST.equals(code) || QUOTA.equals(code);
    }

    String describe() {
        return code + (description == null || description.isBlank() ? "" : " " + description);
    }

    /** A string or a number, as Daraja sends both for the same field. */
    private static String text(JsonObject json, String key) {
        JsonValue value = json.get(key);
        if (value instanceof JsonString s) {
            return s.getString().trim();
        }
        if (value instanceof JsonNumber n) {
            return n.isIntegral() ? n.bigIntegerValue().toString() : n.toString();
        }
        return null;
    }
}
