package ke.thibitisha.sim.sautikit;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import ke.thibitisha.sim.SimJson;

import java.time.Instant;

/** The call object of GET /v1/calls/{id} with the fields of sautikit-api.md §6. */
final class CallJson {

    private CallJson() {
    }

    static JsonObject of(SimCall call, String workspaceId) {
        JsonArrayBuilder events = SimJson.array();
        for (SimCall.CallEvent event : call.events()) {
            events.add(SimJson.object()
                    .add("id", event.id())
                    .add("call_id", call.callId())
                    .add("kind", event.kind())
                    .add("payload", event.payload())
                    .add("occurred_at", Ids.rfc3339(event.occurredAt()))
                    .add("created_at", Ids.rfc3339(event.occurredAt())));
        }
        JsonObjectBuilder object = SimJson.object()
                .add("id", call.callId())
                .add("workspace_id", workspaceId)
                .add("session_id", call.sessionId())
                .add("direction", "outbound")
                .add("local_e164", call.from())
                .add("remote_e164", call.to())
                .add("country", "KE");
        time(object, "started_at", call.createdAt());
        time(object, "answered_at", call.answeredAt());
        time(object, "ended_at", call.endedAt());
        object.add("duration_seconds", call.durationSeconds())
                .add("status", call.status())
                .add("cost_minor", call.costMinor())
                .add("cost_currency", "KES")
                .add("rate_per_minute_minor", call.ratePerMinuteMinor());
        if (call.failureReason() == null) {
            object.addNull("failure_code");
        } else {
            object.add("failure_code", call.failureReason());
        }
        JsonObjectBuilder metadata = SimJson.object();
        if (call.clientRequestId() != null) {
            metadata.add("client_request_id", call.clientRequestId());
        }
        object.add("metadata", metadata);
        time(object, "created_at", call.createdAt());
        time(object, "updated_at", call.updatedAt());
        return object.add("events", events).build();
    }

    private static void time(JsonObjectBuilder object, String name, Instant at) {
        if (at == null) {
            object.addNull(name);
        } else {
            object.add(name, Ids.rfc3339(at));
        }
    }
}
