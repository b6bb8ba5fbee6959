package ke.thibitisha.intake;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * The address a request really came from, and whether it is on a paybill's allow-list.
 * {@code X-Forwarded-For} is believed only when the direct peer is a configured trusted proxy; then the
 * right-most address that is not itself a trusted proxy is the client.
 */
public final class SourceAddress {

    private SourceAddress() {
    }

    /**
     * Every line of a repeated header as one comma-separated list, in order (RFC 9110 §5.3): a proxy may add its
     * own {@code X-Forwarded-For} line instead of appending to the client's, and reading only the first line would
     * then trust the client's forgery. Null when the header is absent.
     */
    public static String joined(Enumeration<String> lines) {
        if (lines == null || !lines.hasMoreElements()) {
            return null;
        }
        return String.join(", ", Collections.list(lines));
    }

    public static String resolve(String peer, String forwardedFor, List<String> trustedProxies) {
        if (forwardedFor == null || forwardedFor.isBlank() || !matchesAny(peer, trustedProxies)) {
            return peer;
        }
        String[] hops = forwardedFor.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].trim();
            if (!hop.isEmpty() && !matchesAny(hop, trustedProxies)) {
                // what a proxy forwards is a claim: anything but an address is kept short and never trusted
                return literal(hop) != null ? hop : "invalid:" + hop.substring(0, Math.min(hop.length(), 40));
            }
        }
        return peer;
    }

    /** True when the address equals one of the entries or lies in one of the CIDR ranges. */
    public static boolean matchesAny(String address, List<String> entries) {
        for (String entry : entries) {
            if (matches(address, entry.trim())) {
                return true;
            }
        }
        return false;
    }

    static boolean matches(String address, String entry) {
        try {
            byte[] addr = literal(address);
            int slash = entry.indexOf('/');
            byte[] net = literal(slash < 0 ? entry : entry.substring(0, slash));
            if (addr == null || net == null || addr.length != net.length) {
                return false;
            }
            int bits = slash < 0 ? addr.length * 8 : Integer.parseInt(entry.substring(slash + 1));
            if (bits < 0 || bits > addr.length * 8) {
                return false;
            }
            int shift = addr.length * 8 - bits;
            return new BigInteger(1, addr).shiftRight(shift).equals(new BigInteger(1, net).shiftRight(shift));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static final java.util.regex.Pattern IPV4 =
            java.util.regex.Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

    /**
     * Only IP literals, never a DNS look-up for a header value: a strict dotted quad, or something with a
     * colon, which {@link InetAddress} only ever reads as an IPv6 literal.
     */
    private static byte[] literal(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value;
        boolean ipv6 = v.contains(":") && v.matches("[0-9a-fA-F:.\\[\\]]+");
        if (!ipv6 && !IPV4.matcher(v).matches()) {
            return null;
        }
        try {
            return InetAddress.getByName(v.replace("[", "").replace("]", "")).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
