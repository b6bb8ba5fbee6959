package ke.thibitisha.ops;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The CSV form of a day's payments (RFC 4180: comma separated, CRLF, quoted where needed). */
final class PaymentsCsv {

    static final String HEADER =
            "received_at,shortcode,kind,receipt,amount,phone,outcome,attempts,digits,cost_kes";

    private PaymentsCsv() {
    }

    /** {@code fullNumbers}: role {@code ops} sees the number dialled, everyone else its masked form. */
    static void write(List<DailyPayments.Row> rows, boolean fullNumbers, Writer out) throws IOException {
        out.write(HEADER + "\r\n");
        for (DailyPayments.Row row : rows) {
            var p = row.payment();
            String phone = fullNumbers && p.getPhoneE164() != null ? p.getPhoneE164() : p.getPhoneMasked();
            out.write(Stream.of(
                            p.getCreatedAt().atZone(PaymentsResource.NAIROBI).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME),
                            p.getShortcode(), p.getKind().name(), p.getReceipt(),
                            p.getAmount() == null ? null : p.getAmount().toPlainString(),
                            phone, p.getStatus().name(), Integer.toString(p.getAttempts()), row.digits(),
                            BigDecimal.valueOf(row.costMinor(), 2).toPlainString())
                    .map(PaymentsCsv::field).collect(Collectors.joining(",")) + "\r\n");
        }
    }

    private static String field(String value) {
        if (value == null) {
            return "";
        }
        if (value.contains(",") || value.contains("\"") || value.contains("\r") || value.contains("\n")) {
            return '"' + value.replace("\"", "\"\"") + '"';
        }
        return value;
    }
}
