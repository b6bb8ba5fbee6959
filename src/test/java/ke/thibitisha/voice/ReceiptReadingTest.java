package ke.thibitisha.voice;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import ke.thibitisha.paybill.Language;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ReceiptReadingTest {

    @Test
    void tenCharacterReceiptIsGroupedThreeThreeFour() {
        assertEquals(List.of("UC5", "8K2", "QW7P"), ReceiptReading.groups("UC58K2QW7P"));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "A|A",
            "AB|AB",
            "ABC|ABC",
            "ABCD|ABCD",
            "ABCDE|ABC DE",
            "ABCDEF|ABC DEF",
            "ABCDEFG|ABC DEFG",
            "ABCDEFGH|ABC DEF GH",
            "ABCDEFGHI|ABC DEF GHI",
            "ABCDEFGHIJK|ABC DEF GHI JK",
            "ABCDEFGHIJKLM|ABC DEF GHI JKLM",
            "ABCDEFGHIJKLMNOPQRST|ABC DEF GHI JKL MNO PQR ST"})
    void otherLengthsNeverLeaveOneCharacterAlone(String receipt, String expected) {
        assertEquals(Arrays.asList(expected.split(" ")), ReceiptReading.groups(receipt));
    }

    @Test
    void lowerCaseAndSurroundingSpacesAreTolerated() {
        assertEquals(List.of("UC5", "8K2", "QW7P"), ReceiptReading.groups("  uc58k2Qw7p\n"));
    }

    @Test
    void englishSaysDigitsAsWordsAndLettersAsNatoWords() {
        assertEquals("Uniform, Charlie, five. eight, Kilo, two. Quebec, Whiskey, seven, Papa",
                ReceiptReading.spoken("UC58K2QW7P", Language.EN));
    }

    @Test
    void swahiliSaysDigitsInSwahiliAndLetterNamesInSwahiliSpelling() {
        assertEquals("yu, si, tano. nane, kei, mbili. kyu, dabuliyu, saba, pi",
                ReceiptReading.spoken("UC58K2QW7P", Language.SW));
    }

    @Test
    void everyCharacterHasItsOwnWordInEnglish() {
        assertEquals("zero, one, two. three, four, five. six, seven, eight, nine",
                ReceiptReading.spoken("0123456789", Language.EN));
        assertEquals("Alpha, Bravo, Charlie. Delta, Echo, Foxtrot. Golf, Hotel, India. Juliet, Kilo, Lima, Mike",
                ReceiptReading.spoken("ABCDEFGHIJKLM", Language.EN));
        assertEquals("November, Oscar, Papa. Quebec, Romeo, Sierra. Tango, Uniform, Victor. Whiskey, X-ray, Yankee, Zulu",
                ReceiptReading.spoken("NOPQRSTUVWXYZ", Language.EN));
    }

    @Test
    void everyCharacterHasItsOwnWordInSwahili() {
        assertEquals("sifuri, moja, mbili. tatu, nne, tano. sita, saba, nane, tisa",
                ReceiptReading.spoken("0123456789", Language.SW));
        assertEquals("ei, bi, si. di, i, efu. ji, eichi, ai. jei, kei, eli, emu",
                ReceiptReading.spoken("ABCDEFGHIJKLM", Language.SW));
        assertEquals("eni, ou, pi. kyu, ari, esi. ti, yu, vi. dabuliyu, eksi, wai, zedi",
                ReceiptReading.spoken("NOPQRSTUVWXYZ", Language.SW));
    }

    @Test
    void singleCharacterReceipt() {
        assertEquals("sifuri", ReceiptReading.spoken("0", Language.SW));
        assertEquals("Zulu", ReceiptReading.spoken("z", Language.EN));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   ", "UC58-K2QW7P", "UC58 K2QW7P", "UC58K2QW7P!", "ÜC58K2QW7P", "ıC58K2QW7P",
            "١٢٣", "ABCDEFGHIJKLMNOPQRSTU"})
    void invalidReceiptsAreRefused(String receipt) {
        assertThrows(IllegalArgumentException.class, () -> ReceiptReading.groups(receipt));
        for (Language lang : Language.values()) {
            assertThrows(IllegalArgumentException.class, () -> ReceiptReading.spoken(receipt, lang));
        }
    }
}
