package ke.thibitisha.sim.sautikit;

import ke.thibitisha.sim.SimJson;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** A status, a JSON body and extra headers, as the fake API answers them (and as the idempotency cache stores them). */
record ApiResponse(int status, String body, Map<String, String> headers) {

    ApiResponse {
        headers = Map.copyOf(headers);
    }

    static ApiResponse json(int status, String body) {
        return new ApiResponse(status, body, Map.of());
    }

    /** The documented envelope {@code {"error":{"code","message","request_id"}}} with a fresh request id. */
    static ApiResponse error(int status, String code, String message) {
        String body = SimJson.object()
                .add("error", SimJson.object()
                        .add("code", code)
                        .add("message", message)
                        .add("request_id", "req_" + UUID.randomUUID().toString().replace("-", "")))
                .build().toString();
        return json(status, body);
    }

    ApiResponse withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new ApiResponse(status, body, more);
    }

    boolean isSuccess() {
        return status / 100 == 2;
    }
}
