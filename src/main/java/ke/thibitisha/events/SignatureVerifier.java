package ke.thibitisha.events;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Verifies {@code X-Sautikit-Signature} over the raw body, before anything is parsed.
 * <ul>
 * <li>Scheme A (signature guide): {@code t=<unix s>,v1=<hex>} with
 * {@code v1 = hex(HMAC-SHA256(secret, rawBody + "." + t))} — body first, then the timestamp — and
 * {@code t} within the tolerance of now, past or future. Several {@code v1} may be present.</li>
 * <li>Scheme B (event pages): the bare hex HMAC of the body; accepted only when legacy is switched on,
 * because it carries no timestamp and so no replay protection.</li>
 * </ul>
 * Several secrets may be configured at once while one is being rotated.
 */
public final class SignatureVerifier {

    private final List<byte[]> secrets;
    private final Duration tolerance;
    private final boolean legacy;

    public SignatureVerifier(List<String> secrets, Duration tolerance, boolean legacy) {
        this.secrets = secrets.stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();
        this.tolerance = tolerance;
        this.legacy = legacy;
    }

    /** Why the signature is not acceptable, or null when it is. */
    public String problem(String header, byte[] body, Instant now) {
        if (secrets.isEmpty()) {
            return "SAUTIKIT_WEBHOOK_SECRET is not configured";
        }
        if (header == null || header.isBlank()) {
            return "X-Sautikit-Signature is missing";
        }
        String value = header.trim();
        if (value.contains("=")) {
            return schemeA(value, body, now);
        }
        if (!legacy) {
            return "bare-hex signature (legacy scheme) is not enabled";
        }
        for (byte[] secret : secrets) {
            if (matches(value, hmac(secret, body))) {
                return null;
            }
        }
        return "signature does not match";
    }

    private String schemeA(String header, byte[] body, Instant now) {
        String t = null;
        List<String> candidates = new ArrayList<>();
        for (String part : header.split(",")) {
            int eq = part.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String key = part.substring(0, eq).trim();
            String val = part.substring(eq + 1).trim();
            if (key.equals("t")) {
                t = val;
            } else if (key.equals("v1")) {
                candidates.add(val);
            }
        }
        if (t == null || !t.matches("\\d{1,12}")) {
            return "signature timestamp t is missing or not a number";
        }
        if (candidates.isEmpty()) {
            return "signature has no v1 value";
        }
        long skew = Math.abs(now.getEpochSecond() - Long.parseLong(t));
        if (skew > tolerance.toSeconds()) {
            return "signature timestamp is " + skew + " s away from now (tolerance " + tolerance.toSeconds() + " s)";
        }
        byte[] suffix = ("." + t).getBytes(StandardCharsets.UTF_8);
        byte[] message = new byte[body.length + suffix.length];
        System.arraycopy(body, 0, message, 0, body.length);
        System.arraycopy(suffix, 0, message, body.length, suffix.length);
        for (byte[] secret : secrets) {
            byte[] expected = hmac(secret, message);
            for (String candidate : candidates) {
                if (matches(candidate, expected)) {
                    return null;
                }
            }
        }
        return "signature does not match";
    }

    /** Constant-time comparison of a hex candidate with the expected MAC. */
    private static boolean matches(String hexCandidate, byte[] expected) {
        byte[] candidate;
        try {
            candidate = HexFormat.of().parseHex(hexCandidate.toLowerCase());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(candidate, expected);
    }

    static byte[] hmac(byte[] secret, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
