package ke.thibitisha.sim.sautikit;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Every call created, in creation order, findable by call_id or session_id (both are accepted as {id}). */
final class CallRegistry {

    private final List<SimCall> calls = new CopyOnWriteArrayList<>();
    private final ConcurrentMap<String, SimCall> byId = new ConcurrentHashMap<>();

    void add(SimCall call) {
        byId.put(call.callId(), call);
        byId.put(call.sessionId(), call);
        calls.add(call);
    }

    Optional<SimCall> find(String callIdOrSessionId) {
        return Optional.ofNullable(byId.get(callIdOrSessionId));
    }

    List<SimCall> all() {
        return List.copyOf(calls);
    }

    void clear() {
        calls.clear();
        byId.clear();
    }
}
