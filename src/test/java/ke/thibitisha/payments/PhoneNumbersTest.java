package ke.thibitisha.payments;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link PhoneNumbers}: what may be dialled (contract §2 rules 8–10, daraja.md §8, §3.4) and how numbers are
 * masked in logs (contract §5: {@code +2547****149}).
 */
class PhoneNumbersTest {

    static final Set<String> KE = Set.of("KE");
    static final Set<String> KE_UG = Set.of("KE", "UG");

    static void assertDialable(String raw, Set<String> regions, String e164) {
        PhoneNumbers.Verdict v = PhoneNumbers.check(raw, regions);
        assertAll(raw,
                () -> assertTrue(v.dialable(), () -> "not dialable: " + v.reason()),
                () -> assertEquals(e164, v.e164()),
                () -> assertNull(v.reason()));
    }

    static void assertUndialable(String raw, Set<String> regions, String reasonFragment) {
        PhoneNumbers.Verdict v = PhoneNumbers.check(raw, regions);
        assertAll(String.valueOf(raw),
                () -> assertFalse(v.dialable(), () -> "dialable as " + v.e164()),
                () -> assertNull(v.e164()),
                () -> assertNotNull(v.reason()),
                () -> assertTrue(v.reason().contains(reasonFragment),
                        () -> "reason should contain '" + reasonFragment + "' but was: " + v.reason()));
    }

    // ---------------------------------------------------------------- dialable

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {
            "254708374149",          // STK PhoneNumber as a JSON number, printed
            "\t254708374149 ",       // ...with surrounding whitespace
            "2.54708374149E11",      // a double printed by someone's JSON layer
            "2.54708374149e+11",
            "0708374149",            // local dialling form
            "708374149",             // national significant number only
            "+254708374149",         // E.164
            "+254 708 374 149",
            "254 708-374-149",
            "(0708) 374149"})
    void theSandboxTestNumberInEveryFormIsDialable(String raw) {
        assertDialable(raw, KE, "+254708374149");
    }

    @Test
    void numberFromJsonNumberAndJsonStringAreTheSame() {
        assertEquals(PhoneNumbers.check("254708374149", KE), PhoneNumbers.check("2.54708374149E11", KE));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "+254 110 345 678, +254110345678",   // Safaricom 01xx
            "254110345678, +254110345678",
            "0110345678, +254110345678",
            "254722123456, +254722123456",
            "254768001122, +254768001122",
            "0733123456, +254733123456",         // Airtel: never reject by prefix
            "0100123456, +254100123456"})         // Airtel 010x
    void kenyanMobilesOfEveryOperatorAreDialable(String raw, String e164) {
        assertDialable(raw, KE, e164);
    }

    // ---------------------------------------------------------------- never dialled

    @Test
    void maskedV2Msisdn() {
        assertUndialable("2547 ***** 126", KE, "masked");
    }

    @Test
    void maskedOlderDocSample() {
        assertUndialable("25470****149", KE, "masked");
    }

    @Test
    void hashedV1Msisdn() {
        assertUndialable("94c392c311d522da950619227b3361752a42042db7e1e699b26e628305c68a88", KE, "hashed");
    }

    @Test
    void hashInUpperCaseIsStillAHash() {
        assertUndialable("94C392C311D522DA950619227B3361752A42042DB7E1E699B26E628305C68A88", KE, "hashed");
    }

    @Test
    void allDigitHashIsStillAHashNotAHugeNumber() {
        assertUndialable("1".repeat(64), KE, "hashed");
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"+254 20 2222222", "020 2222222", "254202222222"})
    void nairobiLandlineIsNotAMobile(String raw) {
        assertUndialable(raw, KE, "not a mobile");
    }

    @Test
    void tollFreeNumberIsNotAMobile() {
        assertUndialable("0800 720 000", KE, "not a mobile");
    }

    @Test
    void ugandanMobileWhenOnlyKenyaIsAllowed() {
        assertUndialable("+256 772 123456", KE, "UG");
    }

    @Test
    void ugandanMobileWhenUgandaIsAllowed() {
        assertDialable("+256 772 123456", KE_UG, "+256772123456");
        assertDialable("+256772123456", KE_UG, "+256772123456");
    }

    @Test
    void kenyanMobileStillDialableWhenSeveralRegionsAreAllowed() {
        assertDialable("0708374149", KE_UG, "+254708374149");
    }

    @Test
    void kenyanMobileWhenOnlyUgandaIsAllowed() {
        assertUndialable("254708374149", Set.of("UG"), "KE");
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"hello", "not a phone", "N/A", "+", "--", "12345678901234567890"})
    void garbageCannotBeParsed(String raw) {
        assertUndialable(raw, KE, "cannot be parsed");
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"12345", "2547083741", "25470837414912", "2540000000000", "abc123", "0000000000"})
    void wrongLengthOrUnassignedIsNotValid(String raw) {
        assertUndialable(raw, KE, "not valid");
    }

    @ParameterizedTest(name = "[{0}]")
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\t\n"})
    void blankIsNoPhoneNumber(String raw) {
        assertUndialable(raw, KE, "no phone number");
    }

    @Test
    void floatLiteralThatIsNotAWholeNumber() {
        assertUndialable("2.547083741495E11", KE, "not a whole number");
    }

    // ---------------------------------------------------------------- masking

    @Test
    void maskOfE164IsTheContractForm() {
        assertEquals("+2547****149", PhoneNumbers.mask("+254708374149"));
    }

    @Test
    void maskOfAnotherE164Number() {
        assertEquals("+2541****678", PhoneNumbers.mask("+254110345678"));
    }

    @Test
    void maskTrimsFirst() {
        assertEquals("+2547****149", PhoneNumbers.mask("  +254708374149 "));
    }

    @ParameterizedTest(name = "[{0}]")
    @NullAndEmptySource
    @ValueSource(strings = {"  "})
    void maskOfNothingIsEmpty(String phone) {
        assertEquals("", PhoneNumbers.mask(phone));
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"1", "12345", "12345678"})
    void shortValuesAreMaskedCompletely(String phone) {
        assertEquals("****", PhoneNumbers.mask(phone));
    }

    @Test
    void maskAllMasksANumberInASentence() {
        String line = "Sautikit refused the call to +254708374149: destination not authorised";
        String masked = PhoneNumbers.maskAll(line);
        assertEquals("Sautikit refused the call to +2547****149: destination not authorised", masked);
        assertFalse(masked.contains("08374"));
    }

    @Test
    void maskAllMasksEveryNumberInTheText() {
        String masked = PhoneNumbers.maskAll("to +254708374149 and +254110345678, from 254722123456.");
        assertEquals("to +2547****149 and +2541****678, from +2547****456.", masked);
    }

    @Test
    void maskAllLeavesAmountsReceiptsAndShortNumbersAlone() {
        String text = "KES 1500 receipt UC58K2QW7P attempt 3 of 3, code 12345678";
        assertEquals(text, PhoneNumbers.maskAll(text));
    }

    @Test
    void maskAllOfTextWithoutNumbers() {
        assertEquals("", PhoneNumbers.maskAll(""));
        assertEquals("wallet.insufficient_funds", PhoneNumbers.maskAll("wallet.insufficient_funds"));
    }

    @Test
    void maskedVerdictNumberNeverAppearsInFullInItsReason() {
        // a reason is logged; it must not carry the raw number
        PhoneNumbers.Verdict v = PhoneNumbers.check("+256772123456", KE);
        assertFalse(v.reason().contains("772123456"), v.reason());
    }

    /** Regressions: bugs found in review and fixed; each of these failed before the fix. */
    @Nested
    class Regressions {

        /**
         * mask() keeps the first five characters whatever the form: "+2547****149" hides 5 of the 9 subscriber digits
         * ("25470****149" hides 4),
         * but the same number written "0708374149" comes out "07083****149" (2 hidden) and "708374149" as
         * "70837****149" (1 hidden). maskAll() feeds it any 9–15 digit run, so local forms in vendor text leak.
         */
        @ParameterizedTest(name = "[{0}]")
        @ValueSource(strings = {"0708374149", "708374149", "254708374149", "+254708374149"})
        void everyFormOfTheSameNumberIsMaskedTheSameWay(String phone) {
            String masked = PhoneNumbers.mask(phone);
            assertEquals("+2547****149", masked, () -> phone + " masked as " + masked);
            assertFalse(masked.contains("8374"), masked);
        }
    }
}
