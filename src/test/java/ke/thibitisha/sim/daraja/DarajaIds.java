package ke.thibitisha.sim.daraja;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fresh identifiers in Daraja's shapes (daraja.md §1.4). Each kind draws from a counter with a random start, so
 * ids never repeat within a run and are unlikely to meet those of an earlier run against the same server.
 */
final class DarajaIds {

    static final ZoneId NAIROBI = ZoneId.of("Africa/Nairobi");
    private static final DateTimeFormatter CHECKOUT_TIME = DateTimeFormatter.ofPattern("ddMMyyyyHHmmss");
    private static final DateTimeFormatter DARAJA_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    private static final long RECEIPT_SPACE = 78_364_164_096L; // 36^7
    private static final AtomicLong CHECKOUT_SEQUENCE = new AtomicLong(ThreadLocalRandom.current().nextInt(1_000_000));
    private static final AtomicLong RECEIPT_SEQUENCE = new AtomicLong(
            ThreadLocalRandom.current().nextLong(RECEIPT_SPACE));

    private DarajaIds() {
    }

    /** Current form: {@code ws_CO_} + local time + a 6-digit sequence + the payer's 9-digit national number. */
    static String checkoutRequestId(String msisdn) {
        return "ws_CO_" + LocalDateTime.now(NAIROBI).format(CHECKOUT_TIME) + sequence() + msisdn.substring(3);
    }

    /** Old form (before the payer number was appended): {@code ws_CO_} + local time + a sequence. */
    static String oldCheckoutRequestId() {
        return "ws_CO_" + LocalDateTime.now(NAIROBI).format(CHECKOUT_TIME) + sequence();
    }

    /** Current form: hex groups such as {@code f1e2-4b95-a71d-b30d3cdbb7a7942864}. */
    static String merchantRequestId() {
        byte[] bytes = new byte[14];
        ThreadLocalRandom.current().nextBytes(bytes);
        String hex = HexFormat.of().formatHex(bytes);
        return hex.substring(0, 4) + "-4" + hex.substring(4, 7) + "-" + hex.substring(7, 11) + "-"
                + hex.substring(11, 23) + sequence();
    }

    /** Old form: {@code 21605-29870341-1}. */
    static String oldMerchantRequestId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return (10000 + random.nextInt(90000)) + "-" + (10_000_000 + random.nextInt(90_000_000)) + "-"
                + (1 + random.nextInt(9));
    }

    /**
     * M-Pesa receipt / C2B TransID: year letter (U = 2026), month letter (A = January), day in base 36, then 7
     * alphanumerics from the sequence.
     */
    static String receipt() {
        LocalDateTime now = LocalDateTime.now(NAIROBI);
        String serial = Long.toString(Math.floorMod(RECEIPT_SEQUENCE.getAndIncrement(), RECEIPT_SPACE), 36);
        return "" + (char) ('A' + now.getYear() - 2006) + (char) ('A' + now.getMonthValue() - 1)
                + Character.toUpperCase(Character.forDigit(now.getDayOfMonth(), 36))
                + "0".repeat(7 - serial.length()) + serial.toUpperCase(Locale.ROOT);
    }

    /** {@code yyyyMMddHHmmss} in Nairobi time, the format of TransactionDate and TransTime. */
    static String timestamp() {
        return LocalDateTime.now(NAIROBI).format(DARAJA_TIME);
    }

    private static String sequence() {
        return String.format("%06d", Math.floorMod(CHECKOUT_SEQUENCE.getAndIncrement(), 1_000_000));
    }

}
