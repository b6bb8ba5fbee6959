package ke.thibitisha.bench;

import jakarta.json.JsonObject;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads every payment through the ops API (GET /api/payments, paged) and checks a run's payments against it:
 * each accepted one must be there exactly once; ones whose answer was lost may be there, at most once.
 */
record PaymentAudit(int mustExist, int missing, int present, int duplicated, Map<String, Integer> statuses) {

    static PaymentAudit of(AppClient app, Collection<String> accepted, Collection<String> unanswered) {
        Map<String, Integer> rows = new HashMap<>();
        Map<String, String> status = new HashMap<>();
        for (JsonObject payment : app.allPayments()) {
            String id = payment.getString("checkout_request_id", null);
            if (id != null) {
                rows.merge(id, 1, Integer::sum);
                status.put(id, payment.getString("status"));
            }
        }
        Set<String> ours = new HashSet<>(accepted);
        ours.addAll(unanswered);
        int missing = (int) accepted.stream().filter(id -> !rows.containsKey(id)).count();
        int present = (int) ours.stream().filter(rows::containsKey).count();
        int duplicated = (int) ours.stream().filter(id -> rows.getOrDefault(id, 0) > 1).count();
        Map<String, Integer> statuses = new TreeMap<>();
        ours.stream().map(status::get).filter(java.util.Objects::nonNull).forEach(s -> statuses.merge(s, 1, Integer::sum));
        return new PaymentAudit(accepted.size(), missing, present, duplicated, statuses);
    }

    String describeStatuses() {
        return statuses.isEmpty() ? "none" : statuses.toString().replaceAll("[{}]", "");
    }
}
