package ke.thibitisha.bench;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import ke.thibitisha.sim.SimJson;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** What the simulator saw: the calls it created and every POST /v1/calls, by destination number. */
final class DialLog {

    /** Statuses after which a redial is the app doing its job, not a duplicate. */
    private static final Set<String> REDIAL_WORTHY = Set.of("busy", "no_answer", "failed", "canceled");

    record Call(String to, Instant createdAt, Instant endedAt, String status) {
    }

    record Request(String to, Instant receivedAt, int status, boolean replayed) {
    }

    private final List<Call> calls;
    private final List<Request> requests;
    private final Map<String, List<Call>> callsByNumber;

    private DialLog(List<Call> calls, List<Request> requests) {
        this.calls = calls;
        this.requests = requests;
        this.callsByNumber = calls.stream().collect(Collectors.groupingBy(Call::to));
        callsByNumber.values().forEach(list -> list.sort(Comparator.comparing(Call::createdAt)));
    }

    static DialLog of(JsonObject callsJson, JsonObject requestsJson) {
        List<Call> calls = new ArrayList<>();
        for (JsonValue value : callsJson.getJsonArray("calls")) {
            JsonObject call = value.asJsonObject().getJsonObject("call");
            calls.add(new Call(call.getString("remote_e164"), instant(call, "created_at"), instant(call, "ended_at"),
                    call.getString("status")));
        }
        List<Request> requests = new ArrayList<>();
        for (JsonValue value : requestsJson.getJsonArray("requests")) {
            JsonObject request = value.asJsonObject();
            requests.add(new Request(destination(request.getString("body")), instant(request, "received_at"),
                    request.getInt("status"), request.getBoolean("replayed")));
        }
        return new DialLog(calls, requests);
    }

    List<Call> calls() {
        return calls;
    }

    List<Request> requests() {
        return requests;
    }

    /** How many of these numbers were called at least once. */
    int dialled(Collection<String> numbers) {
        return (int) numbers.stream().filter(callsByNumber::containsKey).count();
    }

    /**
     * Numbers called again although an earlier call to them was answered (or is still going): the same payment
     * dialled twice. A call after a busy / unanswered / failed one is a redial and does not count.
     */
    List<String> duplicates(Collection<String> numbers) {
        List<String> duplicated = new ArrayList<>();
        for (String number : new HashSet<>(numbers)) {
            List<Call> list = callsByNumber.getOrDefault(number, List.of());
            for (int i = 1; i < list.size(); i++) {
                if (!REDIAL_WORTHY.contains(list.get(i - 1).status())) {
                    duplicated.add(number);
                    break;
                }
            }
        }
        return duplicated;
    }

    /** When the first POST /v1/calls for each number arrived. */
    Map<String, Instant> firstRequests() {
        Map<String, Instant> first = new HashMap<>();
        for (Request request : requests) {
            first.merge(request.to(), request.receivedAt(), (a, b) -> a.isBefore(b) ? a : b);
        }
        return first;
    }

    long callsCreatedFrom(Instant from) {
        return calls.stream().filter(c -> !c.createdAt().isBefore(from)).count();
    }

    /** POST /v1/calls answers by status (-1: connection dropped), replays apart. */
    Map<String, Long> requestOutcomes() {
        return requests.stream().collect(Collectors.groupingBy(
                r -> r.replayed() ? r.status() + " replay" : Integer.toString(r.status()), TreeMap::new,
                Collectors.counting()));
    }

    /** How long calls were in flight at Sautikit, 201 to terminal, in milliseconds. */
    Percentiles callMillis() {
        return Percentiles.of(calls.stream().filter(c -> c.endedAt() != null)
                .map(c -> (double) Duration.between(c.createdAt(), c.endedAt()).toMillis()).toList());
    }

    /** Calls created per second between the first and the last creation. */
    double callsPerSecond() {
        if (calls.size() < 2) {
            return 0;
        }
        List<Instant> created = calls.stream().map(Call::createdAt).sorted().toList();
        double seconds = Duration.between(created.get(0), created.get(created.size() - 1)).toMillis() / 1000.0;
        return (calls.size() - 1) / Math.max(seconds, 1e-3);
    }

    private static String destination(String body) {
        try {
            JsonValue to = SimJson.parseObject(body).get("to");
            if (to != null && to.getValueType() == JsonValue.ValueType.ARRAY && !to.asJsonArray().isEmpty()) {
                return to.asJsonArray().getString(0);
            }
            return to == null ? "?" : to.toString();
        } catch (RuntimeException e) {
            return "?";
        }
    }

    private static Instant instant(JsonObject object, String name) {
        return object.isNull(name) ? null : Instant.parse(object.getString(name));
    }
}
