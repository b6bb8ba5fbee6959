package ke.thibitisha.events;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link SignatureVerifier} against HMACs computed here, independently, with javax.crypto
 * (sautikit-api.md §11, contract §4): scheme A {@code t=<t>,v1=hex(HMAC-SHA256(secret, rawBody + "." + t))}
 * within 300 s either way; scheme B bare hex HMAC of the body only when legacy is on.
 */
class SignatureVerifierTest {

    static final String SECRET = "whsec_9b8f1c2d3e4f5a6b7c8d9e0f";
    static final String OLD_SECRET = "whsec_old_0123456789abcdef";
    static final Instant NOW = Instant.parse("2026-03-05T11:32:27Z");
    static final long T = NOW.getEpochSecond();
    static final byte[] BODY = """
            {"kind":"call.completed","event_id":"01JNKZ8Q3W6Y7T2M4R5P9X0ABC","workspace_id":"5b1e0c4a-8f0e-4a53-9d8e-2f6b7a1c3d4e","occurred_at":"2026-03-05T11:32:27.120Z","data":{"call_id":"c6f1f0d2-9a7e-4c1b-8e5f-1a2b3c4d5e6f","status":"completed","duration_seconds":42}}"""
            .getBytes(StandardCharsets.UTF_8);

    static SignatureVerifier verifier(boolean legacy, String... secrets) {
        return new SignatureVerifier(List.of(secrets), Duration.ofSeconds(300), legacy);
    }

    static final SignatureVerifier STRICT = verifier(false, SECRET);
    static final SignatureVerifier LEGACY = verifier(true, SECRET);

    /** hex(HMAC-SHA256(secret, message)), lower case. */
    static String hmacHex(String secret, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] out = mac.doFinal(message);
            StringBuilder hex = new StringBuilder();
            for (byte b : out) {
                hex.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
            }
            return hex.toString();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Scheme A: the body first, then "." and the timestamp. */
    static String schemeA(String secret, byte[] body, long t) {
        byte[] suffix = ("." + t).getBytes(StandardCharsets.UTF_8);
        byte[] message = new byte[body.length + suffix.length];
        System.arraycopy(body, 0, message, 0, body.length);
        System.arraycopy(suffix, 0, message, body.length, suffix.length);
        return hmacHex(secret, message);
    }

    static String header(String secret, byte[] body, long t) {
        return "t=" + t + ",v1=" + schemeA(secret, body, t);
    }

    @Test
    void independentHmacMatchesAKnownVector() {
        // RFC 4231 test case 2, so that a broken helper cannot make wrong signatures look right
        assertEquals("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
                hmacHex("Jefe", "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII)));
    }

    // ---------------------------------------------------------------- scheme A

    @Test
    void validSignatureIsAccepted() {
        assertNull(STRICT.problem(header(SECRET, BODY, T), BODY, NOW));
    }

    @Test
    void validSignatureWithSpacesAroundPartsIsAccepted() {
        assertNull(STRICT.problem("  t=" + T + " , v1=" + schemeA(SECRET, BODY, T) + "  ", BODY, NOW));
    }

    @Test
    void partsInAnyOrderAndUnknownVersionsAreTolerated() {
        String v1 = schemeA(SECRET, BODY, T);
        assertNull(STRICT.problem("v1=" + v1 + ",t=" + T, BODY, NOW));
        assertNull(STRICT.problem("t=" + T + ",v2=abcdef,v1=" + v1, BODY, NOW));
    }

    @Test
    void tamperedBodyIsRejected() {
        String header = header(SECRET, BODY, T);
        byte[] tampered = new String(BODY, StandardCharsets.UTF_8).replace("\"duration_seconds\":42", "\"duration_seconds\":4200")
                .getBytes(StandardCharsets.UTF_8);
        assertReason(STRICT.problem(header, tampered, NOW), "does not match");
    }

    @Test
    void oneFlippedByteIsRejected() {
        byte[] tampered = BODY.clone();
        tampered[tampered.length - 2] ^= 1;
        assertReason(STRICT.problem(header(SECRET, BODY, T), tampered, NOW), "does not match");
    }

    @Test
    void bodyWithATrailingNewlineIsADifferentBody() {
        byte[] withNewline = (new String(BODY, StandardCharsets.UTF_8) + "\n").getBytes(StandardCharsets.UTF_8);
        assertReason(STRICT.problem(header(SECRET, BODY, T), withNewline, NOW), "does not match");
    }

    @Test
    void wrongSecretIsRejected() {
        assertReason(STRICT.problem(header("whsec_someone_else", BODY, T), BODY, NOW), "does not match");
    }

    @Test
    void stripeOrderTimestampFirstIsRejected() {
        byte[] prefix = (T + ".").getBytes(StandardCharsets.UTF_8);
        byte[] message = new byte[prefix.length + BODY.length];
        System.arraycopy(prefix, 0, message, 0, prefix.length);
        System.arraycopy(BODY, 0, message, prefix.length, BODY.length);
        assertReason(STRICT.problem("t=" + T + ",v1=" + hmacHex(SECRET, message), BODY, NOW), "does not match");
    }

    @Test
    void signatureOfTheBodyAloneIsNotASchemeASignature() {
        assertReason(STRICT.problem("t=" + T + ",v1=" + hmacHex(SECRET, BODY), BODY, NOW), "does not match");
    }

    @Test
    void timestampTamperedAfterSigningIsRejected() {
        String v1 = schemeA(SECRET, BODY, T - 10);
        assertReason(STRICT.problem("t=" + T + ",v1=" + v1, BODY, NOW), "does not match");
    }

    @Test
    void staleBy301SecondsIsRejected() {
        long t = T - 301;
        assertReason(STRICT.problem(header(SECRET, BODY, t), BODY, NOW), "timestamp");
    }

    @Test
    void futureBy301SecondsIsRejected() {
        long t = T + 301;
        assertReason(STRICT.problem(header(SECRET, BODY, t), BODY, NOW), "timestamp");
    }

    @Test
    void staleBy299SecondsIsAccepted() {
        assertNull(STRICT.problem(header(SECRET, BODY, T - 299), BODY, NOW));
    }

    @Test
    void futureBy299SecondsIsAccepted() {
        assertNull(STRICT.problem(header(SECRET, BODY, T + 299), BODY, NOW));
    }

    @Test
    void exactly300SecondsEitherWayIsStillWithinTolerance() {
        assertNull(STRICT.problem(header(SECRET, BODY, T - 300), BODY, NOW));
        assertNull(STRICT.problem(header(SECRET, BODY, T + 300), BODY, NOW));
    }

    @Test
    void veryOldReplayIsRejected() {
        assertReason(STRICT.problem(header(SECRET, BODY, 1), BODY, NOW), "timestamp");
    }

    @Test
    void configuredToleranceIsUsed() {
        SignatureVerifier tight = new SignatureVerifier(List.of(SECRET), Duration.ofSeconds(5), false);
        assertNull(tight.problem(header(SECRET, BODY, T - 5), BODY, NOW));
        assertReason(tight.problem(header(SECRET, BODY, T - 6), BODY, NOW), "timestamp");
    }

    @Test
    void severalV1ValuesOneOfThemValid() {
        String good = schemeA(SECRET, BODY, T);
        String bad = schemeA("whsec_wrong", BODY, T);
        assertNull(STRICT.problem("t=" + T + ",v1=" + bad + ",v1=" + good, BODY, NOW));
        assertNull(STRICT.problem("t=" + T + ",v1=" + good + ",v1=" + bad, BODY, NOW));
        assertNull(STRICT.problem("t=" + T + ",v1=nothex,v1=" + good, BODY, NOW));
    }

    @Test
    void severalV1ValuesNoneValid() {
        String bad1 = schemeA("whsec_wrong", BODY, T);
        String bad2 = schemeA("whsec_wrong2", BODY, T);
        assertReason(STRICT.problem("t=" + T + ",v1=" + bad1 + ",v1=" + bad2, BODY, NOW), "does not match");
    }

    @Test
    void rotationEachConfiguredSecretIsAccepted() {
        SignatureVerifier rotating = verifier(false, OLD_SECRET, SECRET);
        assertNull(rotating.problem(header(OLD_SECRET, BODY, T), BODY, NOW));
        assertNull(rotating.problem(header(SECRET, BODY, T), BODY, NOW));
        assertReason(rotating.problem(header("whsec_third", BODY, T), BODY, NOW), "does not match");
    }

    @Test
    void rotationOneHeaderSignedWithBothSecrets() {
        SignatureVerifier onlyNew = verifier(false, SECRET);
        String both = "t=" + T + ",v1=" + schemeA(OLD_SECRET, BODY, T) + ",v1=" + schemeA(SECRET, BODY, T);
        assertNull(onlyNew.problem(both, BODY, NOW));
    }

    @Test
    void upperCaseHexIsTheSameSignature() {
        String upper = schemeA(SECRET, BODY, T).toUpperCase(Locale.ROOT);
        assertNull(STRICT.problem("t=" + T + ",v1=" + upper, BODY, NOW));
    }

    @Test
    void v1WithNonHexIsRejectedWithoutException() {
        String nonHex = "zz" + schemeA(SECRET, BODY, T).substring(2);
        assertReason(STRICT.problem("t=" + T + ",v1=" + nonHex, BODY, NOW), "does not match");
    }

    @ParameterizedTest(name = "v1=[{0}]")
    @ValueSource(strings = {"", "0", "abc", "g", "0x1234", "-1"})
    void v1ThatIsNotAFullMacIsRejected(String v1) {
        assertNotNull(STRICT.problem("t=" + T + ",v1=" + v1, BODY, NOW));
    }

    @Test
    void truncatedMacIsRejected() {
        String truncated = schemeA(SECRET, BODY, T).substring(0, 32);
        assertReason(STRICT.problem("t=" + T + ",v1=" + truncated, BODY, NOW), "does not match");
    }

    @Test
    void macWithAnExtraByteIsRejected() {
        assertReason(STRICT.problem("t=" + T + ",v1=" + schemeA(SECRET, BODY, T) + "00", BODY, NOW), "does not match");
    }

    // ---------------------------------------------------------------- missing and garbage

    @Test
    void missingHeaderIsRejected() {
        assertReason(STRICT.problem(null, BODY, NOW), "missing");
        assertReason(LEGACY.problem(null, BODY, NOW), "missing");
    }

    @Test
    void blankHeaderIsRejected() {
        assertReason(STRICT.problem("", BODY, NOW), "missing");
        assertReason(LEGACY.problem("   ", BODY, NOW), "missing");
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"garbage", "t=", "v1=", "=", ",,,", "t=abc,v1=00", "t=-5,v1=00", "t=1.5e9,v1=00",
            "t=1234567890123,v1=00", "sha256=deadbeef", "Bearer whsec_9b8f1c2d3e4f5a6b7c8d9e0f", "t=1772710347",
            "\u0000\u0001"})
    void garbageHeadersAreRejectedWithoutException(String header) {
        assertNotNull(STRICT.problem(header, BODY, NOW));
        assertNotNull(LEGACY.problem(header, BODY, NOW));
    }

    @Test
    void timestampWithoutSignatureIsRejected() {
        assertReason(STRICT.problem("t=" + T, BODY, NOW), "v1");
    }

    @Test
    void signatureWithoutTimestampIsRejected() {
        assertReason(STRICT.problem("v1=" + schemeA(SECRET, BODY, T), BODY, NOW), "timestamp");
    }

    @Test
    void noSecretConfiguredRejectsEverything() {
        SignatureVerifier none = new SignatureVerifier(List.of(), Duration.ofSeconds(300), true);
        assertReason(none.problem(header(SECRET, BODY, T), BODY, NOW), "SAUTIKIT_WEBHOOK_SECRET");
        assertReason(none.problem(hmacHex(SECRET, BODY), BODY, NOW), "SAUTIKIT_WEBHOOK_SECRET");
    }

    @Test
    void emptyBodyCanBeSigned() {
        byte[] empty = new byte[0];
        assertNull(STRICT.problem(header(SECRET, empty, T), empty, NOW));
        assertReason(STRICT.problem(header(SECRET, empty, T), BODY, NOW), "does not match");
    }

    // ---------------------------------------------------------------- scheme B (legacy)

    @Test
    void bareHexIsRefusedUnlessLegacyIsOn() {
        assertReason(STRICT.problem(hmacHex(SECRET, BODY), BODY, NOW), "legacy");
    }

    @Test
    void bareHexIsAcceptedWhenLegacyIsOn() {
        assertNull(LEGACY.problem(hmacHex(SECRET, BODY), BODY, NOW));
        assertNull(LEGACY.problem("  " + hmacHex(SECRET, BODY).toUpperCase(Locale.ROOT) + " ", BODY, NOW));
    }

    @Test
    void bareHexOfATamperedBodyIsRejected() {
        byte[] tampered = BODY.clone();
        tampered[10] ^= 1;
        assertReason(LEGACY.problem(hmacHex(SECRET, BODY), tampered, NOW), "does not match");
    }

    @Test
    void bareHexWithWrongSecretIsRejected() {
        assertReason(LEGACY.problem(hmacHex("whsec_wrong", BODY), BODY, NOW), "does not match");
    }

    @Test
    void bareHexWithEitherRotatedSecret() {
        SignatureVerifier rotating = verifier(true, OLD_SECRET, SECRET);
        assertNull(rotating.problem(hmacHex(OLD_SECRET, BODY), BODY, NOW));
        assertNull(rotating.problem(hmacHex(SECRET, BODY), BODY, NOW));
    }

    @Test
    void bareHexOfBodyPlusTimestampIsNotSchemeB() {
        assertReason(LEGACY.problem(schemeA(SECRET, BODY, T), BODY, NOW), "does not match");
    }

    @Test
    void legacyStillChecksSchemeAProperly() {
        assertNull(LEGACY.problem(header(SECRET, BODY, T), BODY, NOW));
        assertReason(LEGACY.problem(header(SECRET, BODY, T - 301), BODY, NOW), "timestamp");
        assertReason(LEGACY.problem(header("whsec_wrong", BODY, T), BODY, NOW), "does not match");
    }

    @Test
    void legacyBareHexNonHexIsRejected() {
        assertReason(LEGACY.problem("zz" + hmacHex(SECRET, BODY).substring(2), BODY, NOW), "does not match");
    }

    static void assertReason(String problem, String fragment) {
        assertNotNull(problem, "accepted, expected a problem mentioning '" + fragment + "'");
        assertTrue(problem.contains(fragment), () -> "problem should mention '" + fragment + "' but was: " + problem);
    }
}
