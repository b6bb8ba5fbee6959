package ke.thibitisha.voice;

import ke.thibitisha.paybill.Language;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads an M-Pesa receipt ("UC58K2QW7P") aloud, character by character, in groups.
 *
 * <p>A receipt is 1 to 20 ASCII letters and digits; surrounding spaces are dropped and letters are
 * upper-cased. Anything else (blank, punctuation, inner spaces, non-ASCII) is refused.
 *
 * <p>Groups are of three, except that the last group takes four rather than leave one character
 * alone: 10 characters give 3-3-4, 7 give 3-4, 8 give 3-3-2, 4 give one group of 4.
 *
 * <p>The spoken text separates characters with ", " and groups with ". ", which text-to-speech
 * voices render as a short and a longer pause. Digits are the language's own words (English "five",
 * Swahili "tano"; zero is "zero" / "sifuri"). Letters:
 * <ul>
 *   <li>English uses the NATO word ("Uniform", "Charlie"): over a phone line the letter names
 *       B, D, E, P, T, V (and M, N; F, S) sound alike, and a bare "U" or "A" may be read as the word
 *       "you" or "a". The NATO word is unmistakable even to a listener who never learnt the alphabet.</li>
 *   <li>Swahili uses the English letter names, as Kenyans read M-Pesa codes even in Swahili, written
 *       in Swahili spelling ("yu", "si", "kei") so that a sw-KE voice says the name and not a Swahili
 *       syllable; C, Q and X are not Swahili letters at all. NATO words would be mangled by that voice.</li>
 * </ul>
 */
public final class ReceiptReading {

    private static final Pattern RECEIPT = Pattern.compile("[A-Za-z0-9]{1,20}");

    private static final List<String> ENGLISH_DIGITS =
            List.of("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine");
    private static final List<String> SWAHILI_DIGITS =
            List.of("sifuri", "moja", "mbili", "tatu", "nne", "tano", "sita", "saba", "nane", "tisa");
    private static final List<String> ENGLISH_LETTERS = List.of(
            "Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf", "Hotel", "India", "Juliet",
            "Kilo", "Lima", "Mike", "November", "Oscar", "Papa", "Quebec", "Romeo", "Sierra", "Tango",
            "Uniform", "Victor", "Whiskey", "X-ray", "Yankee", "Zulu");
    private static final List<String> SWAHILI_LETTERS = List.of(
            "ei", "bi", "si", "di", "i", "efu", "ji", "eichi", "ai", "jei",
            "kei", "eli", "emu", "eni", "ou", "pi", "kyu", "ari", "esi", "ti",
            "yu", "vi", "dabuliyu", "eksi", "wai", "zedi");

    private ReceiptReading() {
    }

    /** "UC58K2QW7P" → ["UC5", "8K2", "QW7P"]. */
    public static List<String> groups(String receipt) {
        String r = normalise(receipt);
        List<String> groups = new ArrayList<>();
        int start = 0;
        while (r.length() - start > 4) {
            groups.add(r.substring(start, start + 3));
            start += 3;
        }
        groups.add(r.substring(start));
        return List.copyOf(groups);
    }

    /** "UC58K2QW7P" in English → "Uniform, Charlie, five. eight, Kilo, two. Quebec, Whiskey, seven, Papa". */
    public static String spoken(String receipt, Language lang) {
        Objects.requireNonNull(lang, "lang");
        return groups(receipt).stream()
                .map(group -> group.chars()
                        .mapToObj(c -> word((char) c, lang))
                        .collect(Collectors.joining(", ")))
                .collect(Collectors.joining(". "));
    }

    private static String word(char c, Language lang) {
        if (c >= '0' && c <= '9') {
            return (lang == Language.EN ? ENGLISH_DIGITS : SWAHILI_DIGITS).get(c - '0');
        }
        return (lang == Language.EN ? ENGLISH_LETTERS : SWAHILI_LETTERS).get(c - 'A');
    }

    private static String normalise(String receipt) {
        // checked before upper-casing, which would turn some non-ASCII letters ("ı", "ß") into ASCII ones
        String r = receipt == null ? "" : receipt.strip();
        if (!RECEIPT.matcher(r).matches()) {
            throw new IllegalArgumentException(
                    "receipt '" + receipt + "' is not 1 to 20 letters and digits");
        }
        return r.toUpperCase(Locale.ROOT);
    }
}
