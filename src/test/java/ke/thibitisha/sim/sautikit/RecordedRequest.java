package ke.thibitisha.sim.sautikit;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One HTTP request as received, with what it was answered: used for the POST /v1/calls log of the simulator and by
 * tests' fake apps. {@code status} is {@link #DROPPED} when the connection was closed without an answer.
 */
public record RecordedRequest(String method, String path, String query, Map<String, List<String>> headers,
                              String body, int status, String responseBody, boolean replayed, Instant receivedAt) {

    public static final int DROPPED = -1;

    public RecordedRequest {
        Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        headers = Collections.unmodifiableMap(copy);
    }

    /** First value of a header, matched case-insensitively; null when absent. */
    public String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
