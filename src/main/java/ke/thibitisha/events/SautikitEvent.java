package ke.thibitisha.events;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.ByteArrayInputStream;

import static ke.thibitisha.platform.JsonProviders.JSON;

/**
 * A call lifecycle event in either documented envelope: {@code {kind, event_id, data}} (webhook pages)
 * or {@code {event_kind, event_id, payload}} (recording guide).
 */
public record SautikitEvent(String eventId, String kind, String callId, String clientRequestId, String status,
                            String failureReason, Integer durationSeconds) {

    /** @throws IllegalArgumentException when the body is not an event we can read */
    public static SautikitEvent parse(byte[] body) {
        JsonObject root;
        try (var reader = JSON.createReader(new ByteArrayInputStream(body))) {
            root = reader.readObject();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("event body is not a JSON object");
        }
        String eventId = text(root, "event_id");
        String kind = text(root, "kind") != null ? text(root, "kind") : text(root, "event_kind");
        if (eventId == null || eventId.isBlank() || kind == null || kind.isBlank() || eventId.length() > 80) {
            throw new IllegalArgumentException("event has no event_id or kind");
        }
        JsonObject data = object(root, "data") != null ? object(root, "data")
                : object(root, "payload") != null ? object(root, "payload") : JsonValue.EMPTY_JSON_OBJECT;
        String callId = text(data, "call_id") != null ? text(data, "call_id")
                : text(data, "pbx_call_id") != null ? text(data, "pbx_call_id") : text(data, "session_id");
        String clientRequestId = text(data, "clientRequestId") != null ? text(data, "clientRequestId")
                : text(root, "clientRequestId") != null ? text(root, "clientRequestId") : text(data, "client_request_id");
        Integer duration = data.get("duration_seconds") instanceof jakarta.json.JsonNumber n
                ? (int) Math.ceil(n.doubleValue()) : null;
        return new SautikitEvent(eventId, kind, callId, clientRequestId, text(data, "status"),
                text(data, "failure_reason"), duration);
    }

    private static String text(JsonObject json, String key) {
        JsonValue value = json.get(key);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        return value instanceof JsonString s ? s.getString() : value.toString();
    }

    private static JsonObject object(JsonObject json, String key) {
        JsonValue value = json.get(key);
        return value != null && value.getValueType() == JsonValue.ValueType.OBJECT ? value.asJsonObject() : null;
    }
}
