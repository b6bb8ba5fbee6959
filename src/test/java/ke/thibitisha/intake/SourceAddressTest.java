package ke.thibitisha.intake;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link SourceAddress}: the per-paybill allow-list (contract §2 rule 11, daraja.md §6) and which
 * {@code X-Forwarded-For} hop is believed.
 */
class SourceAddressTest {

    /** The 12 addresses of Safaricom's "Callback and IP Whitelisting" page (daraja.md §6). */
    static final List<String> SAFARICOM = List.of(
            "196.201.214.200", "196.201.214.206", "196.201.213.114", "196.201.214.207",
            "196.201.214.208", "196.201.213.44", "196.201.212.127", "196.201.212.138",
            "196.201.212.129", "196.201.212.136", "196.201.212.74", "196.201.212.69");

    static final List<String> PROXIES = List.of("10.0.0.1", "10.0.0.2");

    // ---------------------------------------------------------------- every X-Forwarded-For line

    @Test
    void everyHeaderLineIsReadAndTheForgedFirstLineIsNotBelieved() {
        // the client forged a Safaricom address in its own line; the trusted proxy added the real one as a new line
        String lines = SourceAddress.joined(java.util.Collections.enumeration(List.of("196.201.214.200", "8.8.8.8")));
        assertEquals("196.201.214.200, 8.8.8.8", lines);
        assertEquals("8.8.8.8", SourceAddress.resolve("10.0.0.1", lines, PROXIES));
    }

    @Test
    void trustedProxiesOnTheRightAreWalkedPastAcrossLines() {
        String lines = SourceAddress.joined(java.util.Collections.enumeration(List.of("6.6.6.6, 196.201.214.200", "10.0.0.2")));
        assertEquals("196.201.214.200", SourceAddress.resolve("10.0.0.1", lines, PROXIES));
    }

    @Test
    void noHeaderLineIsNull() {
        assertEquals(null, SourceAddress.joined(java.util.Collections.emptyEnumeration()));
        assertEquals(null, SourceAddress.joined(null));
    }

    // ---------------------------------------------------------------- matchesAny

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "196.201.214.200", "196.201.214.206", "196.201.213.114", "196.201.214.207",
            "196.201.214.208", "196.201.213.44", "196.201.212.127", "196.201.212.138",
            "196.201.212.129", "196.201.212.136", "196.201.212.74", "196.201.212.69"})
    void everyPublishedSafaricomAddressIsOnTheList(String address) {
        assertTrue(SourceAddress.matchesAny(address, SAFARICOM));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "196.201.212.128", "196.201.212.132", "196.201.214.209", "196.201.214.185", // circulating, not official
            "196.201.212.70", "196.201.212.6", "196.201.212.690", "96.201.212.69",
            "203.0.113.7", "127.0.0.1", "0.0.0.0", "255.255.255.255"})
    void unlistedAddressesAreNotOnTheList(String address) {
        assertFalse(SourceAddress.matchesAny(address, SAFARICOM));
    }

    @Test
    void exactIpv4() {
        assertTrue(SourceAddress.matchesAny("196.201.212.69", List.of("196.201.212.69")));
        assertFalse(SourceAddress.matchesAny("196.201.212.68", List.of("196.201.212.69")));
    }

    @Test
    void entriesAreTrimmed() {
        assertTrue(SourceAddress.matchesAny("196.201.212.69", List.of(" 10.1.1.1", " 196.201.212.69 ")));
    }

    @Test
    void cidr24CoversItsWholeRangeAndNothingElse() {
        List<String> range = List.of("196.201.214.0/24");
        assertTrue(SourceAddress.matchesAny("196.201.214.0", range));
        assertTrue(SourceAddress.matchesAny("196.201.214.200", range));
        assertTrue(SourceAddress.matchesAny("196.201.214.255", range));
        assertFalse(SourceAddress.matchesAny("196.201.213.255", range));
        assertFalse(SourceAddress.matchesAny("196.201.215.0", range));
    }

    @Test
    void cidr24WrittenWithAHostPartStillMeansTheNetwork() {
        assertTrue(SourceAddress.matchesAny("196.201.214.9", List.of("196.201.214.200/24")));
    }

    @Test
    void cidr32IsOneAddress() {
        List<String> one = List.of("196.201.212.69/32");
        assertTrue(SourceAddress.matchesAny("196.201.212.69", one));
        assertFalse(SourceAddress.matchesAny("196.201.212.70", one));
    }

    @Test
    void cidr0MatchesEveryIpv4AddressButNoIpv6() {
        List<String> all = List.of("0.0.0.0/0");
        assertTrue(SourceAddress.matchesAny("203.0.113.7", all));
        assertTrue(SourceAddress.matchesAny("255.255.255.255", all));
        assertFalse(SourceAddress.matchesAny("2001:db8::1", all));
    }

    @Test
    void oddPrefixLengths() {
        assertTrue(SourceAddress.matchesAny("10.0.0.7", List.of("10.0.0.0/29")));
        assertFalse(SourceAddress.matchesAny("10.0.0.8", List.of("10.0.0.0/29")));
        assertTrue(SourceAddress.matchesAny("10.127.255.255", List.of("10.0.0.0/9")));
        assertFalse(SourceAddress.matchesAny("10.128.0.0", List.of("10.0.0.0/9")));
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"196.201.212.0/33", "196.201.212.0/-1", "196.201.212.0/abc", "196.201.212.0/", "/24", "",
            "   ", "196.201.212", "196.201.212.69.1", "999.201.212.69", "196.201.212.69,196.201.212.70"})
    void malformedEntriesNeverMatchAndNeverThrow(String entry) {
        assertFalse(SourceAddress.matchesAny("196.201.212.69", List.of(entry)));
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"", "  ", "unknown", "196.201.212.69:443", "196.201.212.69 extra", "fe80::1%eth0",
            "196.201.212.69\n", "http://196.201.212.69"})
    void malformedAddressesNeverMatch(String address) {
        assertFalse(SourceAddress.matchesAny(address, List.of("196.201.212.69", "0.0.0.0/0", "::/0")));
    }

    @Test
    void nullAddressNeverMatches() {
        assertFalse(SourceAddress.matchesAny(null, SAFARICOM));
    }

    @Test
    void emptyListMatchesNothing() {
        assertFalse(SourceAddress.matchesAny("196.201.212.69", List.of()));
    }

    @Test
    void ipv6ExactInAnyNotation() {
        List<String> entry = List.of("2001:db8::1");
        assertTrue(SourceAddress.matchesAny("2001:db8::1", entry));
        assertTrue(SourceAddress.matchesAny("2001:0DB8:0000:0000:0000:0000:0000:0001", entry));
        assertTrue(SourceAddress.matchesAny("[2001:db8::1]", entry));
        assertFalse(SourceAddress.matchesAny("2001:db8::2", entry));
    }

    @Test
    void ipv6Cidr() {
        assertTrue(SourceAddress.matchesAny("2001:db8:abcd::42", List.of("2001:db8::/32")));
        assertFalse(SourceAddress.matchesAny("2001:db9::42", List.of("2001:db8::/32")));
        assertTrue(SourceAddress.matchesAny("2001:db8::1", List.of("2001:db8::1/128")));
        assertFalse(SourceAddress.matchesAny("2001:db8::2", List.of("2001:db8::1/128")));
        assertTrue(SourceAddress.matchesAny("::1", List.of("::/0")));
        assertFalse(SourceAddress.matchesAny("2001:db8::1", List.of("2001:db8::/129")));
    }

    @Test
    void ipv4NeverMatchesAnIpv6RangeAndBackwards() {
        assertFalse(SourceAddress.matchesAny("196.201.212.69", List.of("::/0")));
        assertFalse(SourceAddress.matchesAny("::1", List.of("127.0.0.1")));
    }

    @Test
    void ipv4MappedIpv6PeerIsTheIpv4Address() {
        // a dual-stack listener reports IPv4 peers as ::ffff:a.b.c.d
        assertTrue(SourceAddress.matchesAny("::ffff:196.201.212.69", SAFARICOM));
    }

    @Test
    void hostNamesAreNeverLookedUp() {
        // "localhost" resolves to 127.0.0.1 through /etc/hosts on any machine: neither side may use that
        assertFalse(SourceAddress.matchesAny("127.0.0.1", List.of("localhost")));
        assertFalse(SourceAddress.matchesAny("localhost", List.of("127.0.0.1", "127.0.0.0/8")));
        assertFalse(SourceAddress.matchesAny("localhost", List.of("localhost")));
        assertFalse(SourceAddress.matchesAny("::1", List.of("localhost")));
        assertFalse(SourceAddress.matchesAny("127.0.0.1", List.of("localhost/8")));
    }

    // ---------------------------------------------------------------- resolve

    @Test
    void noForwardedForMeansThePeer() {
        assertEquals("196.201.212.69", SourceAddress.resolve("196.201.212.69", null, PROXIES));
        assertEquals("196.201.212.69", SourceAddress.resolve("196.201.212.69", "", PROXIES));
        assertEquals("10.0.0.1", SourceAddress.resolve("10.0.0.1", "   ", PROXIES));
    }

    @Test
    void forwardedForFromAnUntrustedPeerIsIgnored() {
        assertEquals("203.0.113.7", SourceAddress.resolve("203.0.113.7", "196.201.212.69", PROXIES));
        assertEquals("203.0.113.7", SourceAddress.resolve("203.0.113.7", "196.201.212.69", List.of()));
    }

    @Test
    void forwardedForFromATrustedProxyIsHonoured() {
        assertEquals("196.201.212.69", SourceAddress.resolve("10.0.0.1", "196.201.212.69", PROXIES));
        assertEquals("196.201.212.69", SourceAddress.resolve("10.0.0.1", " 196.201.212.69 ", PROXIES));
    }

    @Test
    void trustedProxyCanBeACidrRange() {
        assertEquals("196.201.212.69", SourceAddress.resolve("172.16.3.4", "196.201.212.69", List.of("172.16.0.0/12")));
    }

    @Test
    void rightMostHopThatIsNotATrustedProxyIsTheClient() {
        // client -> proxy 10.0.0.2 -> proxy 10.0.0.1 -> us
        assertEquals("196.201.212.69", SourceAddress.resolve("10.0.0.1", "196.201.212.69, 10.0.0.2", PROXIES));
    }

    @Test
    void spoofedLeftHopsAreNotBelieved() {
        // the attacker writes the Safaricom address himself; our proxy appends the attacker's real address
        String header = "196.201.212.69, 196.201.214.200, 203.0.113.7";
        String client = SourceAddress.resolve("10.0.0.1", header, PROXIES);
        assertEquals("203.0.113.7", client);
        assertFalse(SourceAddress.matchesAny(client, SAFARICOM));
    }

    @Test
    void spoofedHopBehindTwoTrustedProxies() {
        String client = SourceAddress.resolve("10.0.0.1", "196.201.212.69,203.0.113.7,10.0.0.2", PROXIES);
        assertEquals("203.0.113.7", client);
    }

    @Test
    void onlyTrustedHopsFallBackToThePeer() {
        assertEquals("10.0.0.1", SourceAddress.resolve("10.0.0.1", "10.0.0.2, 10.0.0.1", PROXIES));
    }

    @Test
    void emptyHopsAreSkipped() {
        assertEquals("196.201.212.69", SourceAddress.resolve("10.0.0.1", "196.201.212.69, , ,", PROXIES));
        assertEquals("10.0.0.1", SourceAddress.resolve("10.0.0.1", ",,", PROXIES));
    }

    @Test
    void ipv6TrustedProxy() {
        assertEquals("196.201.212.69", SourceAddress.resolve("fd00::1", "196.201.212.69", List.of("fd00::/8")));
        assertEquals("2001:db8::7", SourceAddress.resolve("::1", "2001:db8::7", List.of("::1")));
    }

    @Test
    void aTrustedProxyNamedByHostNameIsNotTrusted() {
        // "localhost" would resolve to 127.0.0.1; with no DNS, the header from 127.0.0.1 is not believed
        assertEquals("127.0.0.1", SourceAddress.resolve("127.0.0.1", "196.201.212.69", List.of("localhost")));
    }

    // ---------------------------------------------------------------- production bugs

    /** Regressions: bugs found in review and fixed; each of these failed before the fix. */
    @Nested
    class Regressions {

        /**
         * literal() lets any string of hex letters, digits, dots, colons and brackets through to
         * InetAddress.getByName, which resolves host names such as "deadbeef.cafe" or "bad.cab" through DNS.
         * A hop in X-Forwarded-For (from a trusted proxy) or an allow-list entry spelt that way is looked up.
         * Proved in a child JVM whose name service is a hosts file (-Djdk.net.hosts.file), so no network is used.
         */
        @Test
        void hexLetterHostNamesAreNotResolved(@TempDir Path dir) throws Exception {
            Path hosts = dir.resolve("hosts");
            Files.writeString(hosts, "196.201.212.69 deadbeef.cafe\n127.0.0.1 localhost\n");
            String output = runProbe(hosts, "deadbeef.cafe", "196.201.212.69");
            assertEquals("value=false entry=false", output.strip(),
                    "a host name was resolved through the name service");
        }

        private String runProbe(Path hosts, String name, String address) throws Exception {
            String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
            Process p = new ProcessBuilder(java, "-Djdk.net.hosts.file=" + hosts, "-cp", System.getProperty("java.class.path"),
                    DnsProbe.class.getName(), name, address).redirectErrorStream(true).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("probe JVM did not finish");
            }
            return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Runs in the child JVM of {@link KnownBugs#hexLetterHostNamesAreNotResolved}. */
    static final class DnsProbe {
        public static void main(String[] args) {
            String name = args[0];
            String address = args[1];
            System.out.println("value=" + SourceAddress.matchesAny(name, List.of(address))
                    + " entry=" + SourceAddress.matchesAny(address, List.of(name)));
        }
    }
}
