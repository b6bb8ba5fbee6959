package ke.thibitisha.sim.sautikit;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import static java.nio.charset.StandardCharsets.UTF_8;

/** Computes the {@code X-Sautikit-Signature} header value in either documented scheme. */
final class Signatures {

    private Signatures() {
    }

    /** Scheme A: {@code t=<unix s>,v1=hex(HMAC-SHA256(secret, body + "." + t))} — body first, then the timestamp. */
    static String schemeA(String secret, String body, long unixSeconds) {
        return "t=" + unixSeconds + ",v1=" + hmacHex(secret, body + "." + unixSeconds);
    }

    /** Scheme B: bare lowercase hex HMAC-SHA256 of the body. */
    static String schemeB(String secret, String body) {
        return hmacHex(secret, body);
    }

    static String sign(SignatureScheme scheme, String secret, String body, long unixSeconds) {
        return scheme == SignatureScheme.A ? schemeA(secret, body, unixSeconds) : schemeB(secret, body);
    }

    static String hmacHex(String secret, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
