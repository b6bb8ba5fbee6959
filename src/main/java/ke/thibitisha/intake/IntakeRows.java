package ke.thibitisha.intake;

import ke.thibitisha.payments.PaymentStatus;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The rows one intake group writes, each once and in its final state, inserted as three JDBC batches in
 * foreign-key order: raw callbacks, payments, their first transitions. Plain JDBC because each raw row and its
 * payment name each other, which JPA can only write as an insert followed by an update.
 */
final class IntakeRows {

    private static final String RAW = "insert into raw_callback (id, received_at, shortcode, kind, source_ip, content_type,"
            + " headers, body, body_truncated, http_status, outcome, payment_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String PAYMENT = "insert into payment (id, public_id, source_ref, kind, shortcode,"
            + " checkout_request_id, merchant_request_id, receipt, result_code, result_desc, amount, transaction_time,"
            + " bill_ref, phone_e164, phone_masked, status, status_reason, attempts, raw_callback_id, created_at, updated_at,"
            + " version, dial_order_due_at, counted_phone)"
            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, 0, ?, ?)";
    private static final String TRANSITION = "insert into payment_transition (payment_id, from_status, to_status, cause, at)"
            + " values (?, ?, ?, ?, ?)";

    /** A new payment's columns, as intake decided them. */
    record NewPayment(long id, String sourceRef, String kind, String shortcode, String checkoutRequestId,
                      String merchantRequestId, String receipt, String resultCode, String resultDesc, BigDecimal amount,
                      LocalDateTime transactionTime, String billRef, String phoneE164, String phoneMasked,
                      PaymentStatus status, String cause, long rawCallbackId, boolean dialOrderDue) {
    }

    private record Raw(long id, InboundRequest request, int status, String outcome, Long paymentId) {
    }

    private final Instant now;
    private final List<Raw> raws = new ArrayList<>();
    private final List<NewPayment> payments = new ArrayList<>();

    IntakeRows(Instant now) {
        this.now = now;
    }

    void raw(long id, InboundRequest request, int status, String outcome, Long paymentId) {
        raws.add(new Raw(id, request, status, outcome, paymentId));
    }

    void payment(NewPayment payment) {
        payments.add(payment);
    }

    void insert(Connection connection) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(RAW)) {
            for (Raw raw : raws) {
                InboundRequest r = raw.request();
                insert.setLong(1, raw.id());
                insert.setObject(2, utc(r.receivedAt()));
                insert.setString(3, r.shortcode());
                insert.setString(4, r.kind().name());
                insert.setString(5, r.sourceIp());
                insert.setString(6, cut(r.contentType(), 255));
                insert.setString(7, cut(r.headers(), 4000));
                insert.setBytes(8, r.body());
                insert.setBoolean(9, r.bodyTruncated());
                insert.setInt(10, raw.status());
                insert.setString(11, cut(raw.outcome(), 500));
                setLong(insert, 12, raw.paymentId());
                insert.addBatch();
            }
            insert.executeBatch();
        }
        if (payments.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(PAYMENT)) {
            for (NewPayment p : payments) {
                insert.setLong(1, p.id());
                insert.setString(2, UUID.randomUUID().toString());
                insert.setString(3, p.sourceRef());
                insert.setString(4, p.kind());
                insert.setString(5, p.shortcode());
                insert.setString(6, p.checkoutRequestId());
                insert.setString(7, p.merchantRequestId());
                insert.setString(8, p.receipt());
                insert.setString(9, p.resultCode());
                insert.setString(10, p.resultDesc());
                insert.setBigDecimal(11, p.amount());
                insert.setObject(12, p.transactionTime(), Types.TIMESTAMP);
                insert.setString(13, p.billRef());
                insert.setString(14, p.phoneE164());
                insert.setString(15, p.phoneMasked());
                insert.setString(16, p.status().name());
                insert.setString(17, cut(p.cause(), 500));
                insert.setLong(18, p.rawCallbackId());
                insert.setObject(19, utc(now));
                insert.setObject(20, utc(now));
                insert.setObject(21, p.dialOrderDue() ? utc(now) : null, Types.TIMESTAMP_WITH_TIMEZONE);
                insert.setString(22, p.status().countsTowardNumberLimit() ? p.phoneE164() : null);
                insert.addBatch();
            }
            insert.executeBatch();
        }
        try (PreparedStatement insert = connection.prepareStatement(TRANSITION)) {
            for (NewPayment p : payments) {
                insert.setLong(1, p.id());
                insert.setString(2, PaymentStatus.RECEIVED.name());
                insert.setString(3, p.status().name());
                insert.setString(4, cut(p.cause(), 500));
                insert.setObject(5, utc(now));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static void setLong(PreparedStatement statement, int index, Long value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, value);
        }
    }

    private static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
