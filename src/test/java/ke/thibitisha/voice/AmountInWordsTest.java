package ke.thibitisha.voice;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.junit.jupiter.params.provider.ValueSource;
import ke.thibitisha.paybill.Language;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AmountInWordsTest {

    /** Amounts the golden tables must cover (the brief's list); each table is checked against it. */
    private static final List<String> REQUIRED = List.of(
            "1", "10", "11", "19", "20", "21", "99", "100", "101", "110", "999", "1000", "1001", "1005", "1010",
            "1500", "2025", "10000", "12345", "100000", "250000", "999999", "1000000", "1000001", "100000000",
            "999999999.99", "1.05", "10.50", "1500.50", "99.99");

    @ParameterizedTest(name = "{0} → {1}")
    @CsvFileSource(resources = "/voice/amounts-en.csv", numLinesToSkip = 1)
    void english(String amount, String words) {
        assertEquals(words, AmountInWords.english(new BigDecimal(amount)));
        assertEquals(words, AmountInWords.say(new BigDecimal(amount), Language.EN));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvFileSource(resources = "/voice/amounts-sw.csv", numLinesToSkip = 1)
    void swahili(String amount, String words) {
        assertEquals(words, AmountInWords.swahili(new BigDecimal(amount), false));
        assertEquals(words, AmountInWords.say(new BigDecimal(amount), Language.SW));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvFileSource(resources = "/voice/amounts-sw-laki.csv", numLinesToSkip = 1)
    void swahiliWithLaki(String amount, String words) {
        assertEquals(words, AmountInWords.swahili(new BigDecimal(amount), true));
    }

    @Test
    void contractExamples() {
        assertEquals("one thousand five hundred Kenya shillings", AmountInWords.say(new BigDecimal("1500"), Language.EN));
        assertEquals("shilingi elfu moja mia tano", AmountInWords.say(new BigDecimal("1500"), Language.SW));
    }

    @Test
    void zeroIsSaidRatherThanRefused() {
        assertEquals("zero Kenya shillings", AmountInWords.english(BigDecimal.ZERO));
        assertEquals("shilingi sifuri", AmountInWords.swahili(new BigDecimal("0.004"), false));
    }

    @Test
    void goldenTablesAreLargeAndCoverTheRequiredAmounts() throws IOException {
        for (String table : List.of("/voice/amounts-en.csv", "/voice/amounts-sw.csv")) {
            List<String> amounts = amountsIn(table);
            assertTrue(amounts.size() >= 120, table + " has only " + amounts.size() + " rows");
            Set<BigDecimal> present = amounts.stream().map(BigDecimal::new)
                    .map(BigDecimal::stripTrailingZeros).collect(Collectors.toSet());
            for (String required : REQUIRED) {
                assertTrue(present.contains(new BigDecimal(required).stripTrailingZeros()), table + " lacks " + required);
            }
        }
    }

    @Test
    void nullIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> AmountInWords.english(null));
        assertThrows(IllegalArgumentException.class, () -> AmountInWords.swahili(null, true));
        assertThrows(IllegalArgumentException.class, () -> AmountInWords.say(null, Language.SW));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "-0.01", "-0.001", "1000000000", "999999999.995", "12345678901234"})
    void outOfRangeIsRefusedNamingTheValue(String amount) {
        BigDecimal kes = new BigDecimal(amount);
        for (Language lang : Language.values()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AmountInWords.say(kes, lang));
            assertTrue(e.getMessage().contains(amount), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> AmountInWords.swahili(kes, true));
    }

    @Test
    void largestAmountIsAccepted() {
        assertTrue(AmountInWords.swahili(new BigDecimal("999999999.994"), true).endsWith("na senti tisini na tisa"));
    }

    private static List<String> amountsIn(String table) throws IOException {
        try (InputStream in = AmountInWordsTest.class.getResourceAsStream(table);
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return reader.lines().skip(1).filter(line -> !line.isBlank())
                    .map(line -> line.substring(0, line.indexOf(','))).toList();
        }
    }
}
