package ke.thibitisha.dialer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * The {@code X-Thibitisha-Signature} header of what Thibitisha sends out, built like Sautikit's event signature:
 * {@code t=<unix seconds>,v1=hex(HMAC-SHA256(secret, body + "." + t))}. A receiver recomputes it and refuses
 * a body whose {@code t} is far from its clock.
 */
public final class HookSignature {

    private HookSignature() {
    }

    public static String header(String secret, String body, long unixSeconds) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((body + "." + unixSeconds).getBytes(StandardCharsets.UTF_8));
            return "t=" + unixSeconds + ",v1=" + HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
