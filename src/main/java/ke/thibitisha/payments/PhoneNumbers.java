package ke.thibitisha.payments;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

import java.math.BigDecimal;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides whether what Daraja (or an operator) gave us is a number we may dial, with libphonenumber.
 * Daraja's forms: {@code 254708374149} (JSON number or string), {@code 2.54708374149E11} (a double
 * printed by someone's JSON layer), {@code 0708374149}, masked {@code 2547 ***** 126}, a 64-hex hash.
 */
public final class PhoneNumbers {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final Pattern HASHED = Pattern.compile("^[0-9a-fA-F]{64}$");
    private static final Pattern FLOAT_LITERAL = Pattern.compile("^[0-9]\\.[0-9]+[eE]\\+?[0-9]{1,2}$");

    private PhoneNumbers() {
    }

    /** A verdict: either a dialable E.164 number or the reason it is not. */
    public record Verdict(String e164, String reason) {
        public boolean dialable() {
            return e164 != null;
        }
    }

    public static Verdict check(String raw, Set<String> allowedRegions) {
        if (raw == null || raw.isBlank()) {
            return new Verdict(null, "no phone number");
        }
        String value = raw.trim();
        if (value.contains("*")) {
            return new Verdict(null, "phone number is masked");
        }
        if (HASHED.matcher(value).matches()) {
            return new Verdict(null, "phone number is hashed");
        }
        if (FLOAT_LITERAL.matcher(value).matches()) {
            try {
                value = new BigDecimal(value).toBigIntegerExact().toString();
            } catch (ArithmeticException e) {
                return new Verdict(null, "phone number is not a whole number");
            }
        }
        String digits = value.replaceAll("[\\s\\-()]", "");
        if (digits.matches("^254\\d{9}$")) {
            digits = "+" + digits;
        }
        PhoneNumber number;
        try {
            number = UTIL.parse(digits, "KE");
        } catch (NumberParseException e) {
            return new Verdict(null, "phone number cannot be parsed");
        }
        if (!UTIL.isValidNumber(number)) {
            return new Verdict(null, "phone number is not valid");
        }
        String region = UTIL.getRegionCodeForNumber(number);
        if (!allowedRegions.contains(region)) {
            return new Verdict(null, "phone number is from region " + region + ", allowed: " + allowedRegions);
        }
        PhoneNumberType type = UTIL.getNumberType(number);
        if (type != PhoneNumberType.MOBILE && type != PhoneNumberType.FIXED_LINE_OR_MOBILE) {
            return new Verdict(null, "phone number is not a mobile number (" + type.name().toLowerCase() + ")");
        }
        return new Verdict(UTIL.format(number, PhoneNumberFormat.E164), null);
    }

    /**
     * {@code +254708374149} → {@code +2547****149}: the only form a phone number may take in a log line.
     * Local and unprefixed forms ({@code 0708374149}, {@code 254708374149}, {@code 708374149}) are brought to
     * E.164 first, so they are masked just as much; anything else keeps only its last three digits.
     */
    public static String mask(String phone) {
        if (phone == null || phone.isBlank()) {
            return "";
        }
        String digits = phone.replaceAll("[\\s\\-()]", "");
        String e164 = digits.matches("\\+\\d{9,15}") ? digits
                : digits.matches("254\\d{9}") ? "+" + digits
                : digits.matches("0[17]\\d{8}") ? "+254" + digits.substring(1)
                : digits.matches("[17]\\d{8}") ? "+254" + digits
                : null;
        if (e164 == null) {
            return digits.length() <= 8 ? "****" : "****" + digits.substring(digits.length() - 3);
        }
        return e164.substring(0, 5) + "****" + e164.substring(e164.length() - 3);
    }

    private static final Pattern ANY_NUMBER = Pattern.compile("\\+?\\d(?:[ -]?\\d){8,14}");

    /** Masks every phone-like run of digits in free text (vendor error messages may echo the number). */
    public static String maskAll(String text) {
        return ANY_NUMBER.matcher(text).replaceAll(m -> mask(m.group()));
    }
}
