package ke.thibitisha.sim.sautikit;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.UUID;

import static java.nio.charset.StandardCharsets.UTF_8;

/** Identifiers and timestamps in the shapes Sautikit uses. */
final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final DateTimeFormatter RFC3339_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSX").withZone(ZoneOffset.UTC);

    private Ids() {
    }

    /** The PBX session id: {@code HD_} and 32 hex digits. */
    static String sessionId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return "HD_" + HexFormat.of().formatHex(bytes);
    }

    /** A time-ordered UUIDv7, the shape of the documented event ids. */
    static String eventId(Instant at) {
        long millis = at.toEpochMilli();
        long high = (millis << 16) | 0x7000L | (RANDOM.nextInt() & 0x0FFFL);
        long low = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    /** A stable id per owned number, for {@code number_id} in events. */
    static String numberId(String e164) {
        return UUID.nameUUIDFromBytes(("number:" + e164).getBytes(UTF_8)).toString();
    }

    static String rfc3339(Instant at) {
        return at == null ? null : RFC3339_MILLIS.format(at);
    }

    static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
