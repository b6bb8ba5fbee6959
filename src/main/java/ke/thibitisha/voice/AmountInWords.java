package ke.thibitisha.voice;

import com.ibm.icu.text.RuleBasedNumberFormat;
import com.ibm.icu.util.ULocale;
import ke.thibitisha.paybill.Language;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Says a KES amount in words for the confirmation call (contract section 4). Amounts run from
 * KES 1 to 999,999,999.99; cents are rounded half-up to two places. A zero shilling part (0.50) is
 * not expected but is said as cents only.
 *
 * <p><b>English</b> follows Kenyan (British) usage, with "and" before the last part under a hundred:
 * "one hundred and one", "one thousand and five", "one thousand five hundred Kenya shillings and
 * fifty cents". The words are ICU's {@code %spellout-cardinal-verbose} with its commas removed, so
 * that the text-to-speech voice does not pause in the middle of an amount.
 *
 * <p><b>Swahili</b> puts the number after the noun ("shilingi elfu moja mia tano", "senti hamsini").
 * ICU spells 0..999 correctly ("mia moja na ishirini na tano") but joins every scale word with a comma
 * ("elfu moja, tano", "elfu moja, mia tano"), so the scale words are joined here instead:
 * <ul>
 *   <li>parts follow each other with a space ("elfu moja mia tano", "milioni moja elfu moja");</li>
 *   <li>a final part under a hundred is joined with "na" ("elfu moja na tano", "milioni moja na moja",
 *       "elfu mbili na ishirini na tano");</li>
 *   <li>when the multiplier before that "na" ends on a round number (kumi, ishirini, mia moja, ...),
 *       a plain "na" would read as part of the multiplier: 10,001 "elfu kumi na moja" is 11,000 and
 *       100,001 "elfu mia moja na moja" is 101,000. Those get a pause: "elfu kumi, na moja".</li>
 * </ul>
 * With {@code useLaki}, hundreds of thousands are said with "laki" as is usual in Kenya
 * (250,000 "laki mbili elfu hamsini"); without it, as ICU and standard Swahili do ("elfu mia mbili na
 * hamsini").
 */
public final class AmountInWords {

    private static final BigDecimal LIMIT = new BigDecimal("1000000000");

    // RuleBasedNumberFormat is not thread-safe: every use goes through spell(), which locks it.
    private static final RuleBasedNumberFormat ENGLISH =
            new RuleBasedNumberFormat(ULocale.ENGLISH, RuleBasedNumberFormat.SPELLOUT);
    private static final RuleBasedNumberFormat SWAHILI =
            new RuleBasedNumberFormat(new ULocale("sw"), RuleBasedNumberFormat.SPELLOUT);

    private AmountInWords() {
    }

    /** The amount in the paybill's call language: English, or Swahili without "laki". */
    public static String say(BigDecimal kes, Language lang) {
        return switch (Objects.requireNonNull(lang, "lang")) {
            case EN -> english(kes);
            case SW -> swahili(kes, false);
        };
    }

    /** "one thousand five hundred Kenya shillings and fifty cents". */
    public static String english(BigDecimal kes) {
        Amount amount = Amount.of(kes);
        List<String> parts = new ArrayList<>();
        if (amount.shillings > 0 || amount.cents == 0) {
            parts.add(english(amount.shillings) + (amount.shillings == 1 ? " Kenya shilling" : " Kenya shillings"));
        }
        if (amount.cents > 0) {
            parts.add(english(amount.cents) + (amount.cents == 1 ? " cent" : " cents"));
        }
        return String.join(" and ", parts);
    }

    /** "shilingi elfu moja mia tano na senti hamsini"; {@code useLaki} says 100,000 as "laki moja". */
    public static String swahili(BigDecimal kes, boolean useLaki) {
        Amount amount = Amount.of(kes);
        List<String> parts = new ArrayList<>();
        if (amount.shillings > 0 || amount.cents == 0) {
            parts.add("shilingi " + swahili(amount.shillings, useLaki));
        }
        if (amount.cents > 0) {
            parts.add("senti " + swahili(amount.cents));
        }
        return String.join(" na ", parts);
    }

    private static String english(long n) {
        return spell(ENGLISH, "%spellout-cardinal-verbose", n).replace(",", "");
    }

    private static String swahili(long n) {
        return spell(SWAHILI, "%spellout-cardinal", n);
    }

    /** ICU for each group below a thousand; the scale words and their joins as the class comment says. */
    private static String swahili(long n, boolean useLaki) {
        if (n < 1_000) {
            return swahili(n);
        }
        long millions = n / 1_000_000;
        long thousands = n / 1_000 % 1_000;
        long units = n % 1_000;
        List<String> parts = new ArrayList<>();
        long lastMultiplier = 0;
        if (millions > 0) {
            parts.add("milioni " + swahili(millions));
            lastMultiplier = millions;
        }
        if (useLaki && thousands >= 100) {
            parts.add("laki " + swahili(thousands / 100));
            lastMultiplier = thousands / 100;
            thousands %= 100;
        }
        if (thousands > 0) {
            parts.add("elfu " + swahili(thousands));
            lastMultiplier = thousands;
        }
        String big = String.join(" ", parts);
        if (units == 0) {
            return big;
        }
        if (units >= 100) {
            return big + " " + swahili(units);
        }
        return big + (lastMultiplier % 10 == 0 ? ", na " : " na ") + swahili(units);
    }

    private static String spell(RuleBasedNumberFormat format, String ruleSet, long n) {
        synchronized (format) {
            return format.format(n, ruleSet);
        }
    }

    /** A validated amount split into whole shillings and cents. */
    private record Amount(long shillings, int cents) {

        static Amount of(BigDecimal kes) {
            if (kes == null) {
                throw new IllegalArgumentException("amount is null");
            }
            BigDecimal rounded = kes.setScale(2, RoundingMode.HALF_UP);
            if (kes.signum() < 0 || rounded.compareTo(LIMIT) >= 0) {
                throw new IllegalArgumentException(
                        "amount " + kes.toPlainString() + " KES is outside 0 to 999,999,999.99");
            }
            return new Amount(rounded.longValue(), rounded.remainder(BigDecimal.ONE).movePointRight(2).intValueExact());
        }
    }
}
