package ke.thibitisha.ops;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import ke.thibitisha.intake.RawCallback;
import ke.thibitisha.payments.CallAttempt;
import ke.thibitisha.payments.Payment;
import ke.thibitisha.payments.PaymentTransition;

import java.math.BigDecimal;
import java.util.List;

import static ke.thibitisha.platform.JsonProviders.JSON;

/** JSON views of payments for the operations API. Phone numbers only ever appear masked. */
final class PaymentViews {

    private PaymentViews() {
    }

    static JsonObjectBuilder summary(Payment p) {
        JsonObjectBuilder b = JSON.createObjectBuilder()
                .add("id", p.getId())
                .add("public_id", p.getPublicId())
                .add("kind", p.getKind().name())
                .add("shortcode", p.getShortcode())
                .add("status", p.getStatus().name())
                .add("outcome", p.getStatus().name())
                .add("attempts", p.getAttempts())
                .add("result_code", p.getResultCode())
                .add("created_at", p.getCreatedAt().toString())
                .add("updated_at", p.getUpdatedAt().toString());
        add(b, "status_reason", p.getStatusReason());
        add(b, "receipt", p.getReceipt());
        add(b, "checkout_request_id", p.getCheckoutRequestId());
        add(b, "merchant_request_id", p.getMerchantRequestId());
        add(b, "result_desc", p.getResultDesc());
        add(b, "bill_ref", p.getBillRef());
        add(b, "phone", p.getPhoneMasked());
        if (p.getAmount() != null) {
            b.add("amount", p.getAmount());
        }
        if (p.getTransactionTime() != null) {
            b.add("transaction_time", p.getTransactionTime().toString());
        }
        return b;
    }

    static JsonObject story(Payment p, RawCallback raw, List<CallAttempt> attempts, List<PaymentTransition> trail) {
        JsonArrayBuilder calls = JSON.createArrayBuilder();
        for (CallAttempt a : attempts) {
            JsonObjectBuilder c = JSON.createObjectBuilder()
                    .add("attempt", a.getAttemptNo())
                    .add("status", a.getStatus().name())
                    .add("idempotency_key", a.getIdempotencyKey())
                    .add("requested_at", a.getRequestedAt().toString())
                    .add("prompts_played", a.getPromptsPlayed());
            add(c, "call_id", a.getCallId());
            add(c, "session_id", a.getSessionId());
            add(c, "answered_at", a.getAnsweredAt() == null ? null : a.getAnsweredAt().toString());
            add(c, "ended_at", a.getEndedAt() == null ? null : a.getEndedAt().toString());
            add(c, "digits", a.getDigits());
            add(c, "error_code", a.getErrorCode());
            add(c, "failure_reason", a.getFailureReason());
            if (a.getDurationSeconds() != null) {
                c.add("duration_seconds", a.getDurationSeconds());
            }
            if (a.getCostMinor() != null) {
                c.add("cost_minor", a.getCostMinor()).add("cost_kes", BigDecimal.valueOf(a.getCostMinor(), 2));
            }
            calls.add(c);
        }
        JsonArrayBuilder audit = JSON.createArrayBuilder();
        for (PaymentTransition t : trail) {
            JsonObjectBuilder e = JSON.createObjectBuilder().add("to", t.getToStatus().name())
                    .add("cause", t.getCause()).add("at", t.getAt().toString());
            add(e, "from", t.getFromStatus() == null ? null : t.getFromStatus().name());
            audit.add(e);
        }
        JsonObjectBuilder b = summary(p).add("call_attempts", calls).add("audit_trail", audit);
        if (raw != null) {
            JsonObjectBuilder r = JSON.createObjectBuilder().add("id", raw.getId()).add("kind", raw.getKind())
                    .add("received_at", raw.getReceivedAt().toString());
            add(r, "source_ip", raw.getSourceIp());
            add(r, "outcome", raw.getOutcome());
            if (raw.getHttpStatus() != null) {
                r.add("http_status", raw.getHttpStatus());
            }
            b.add("raw_callback", r);
        }
        return b.build();
    }

    private static void add(JsonObjectBuilder b, String key, String value) {
        if (value != null) {
            b.add(key, value);
        }
    }
}
