package ke.thibitisha.sim.sautikit;

import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import ke.thibitisha.sim.SimJson;

import java.net.URI;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A POST /v1/calls body, validated as the platform would (sautikit-api.md §3). Statuses and codes for validation
 * failures are undocumented; our choices: 400 {@code request.invalid_json}, 400 {@code validation.failed},
 * 403 {@code numbers.not_owned}.
 */
record CreateCallRequest(String from, String to, String voiceCallbackUrl, String clientRequestId,
                         boolean clientRequestIdForwarded, String callerId) {

    static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{6,14}");
    private static final int MAX_LABEL_LENGTH = 5000;
    // a label with any of these is still echoed at create but dropped from callbacks and events
    private static final Pattern LABEL_DROPPED_BY_PBX = Pattern.compile("[\\s,{}\"']");
    private static final Pattern CONTROL_CHARS = Pattern.compile("\\p{Cntrl}");

    /**
     * @param strictTo when false a bare string {@code to} is accepted as a one-element array (the /developers curl
     *                 sends one; whether the platform accepts it is unknown)
     */
    static CreateCallRequest parse(String body, Set<String> ownedNumbers, boolean strictTo) {
        JsonObject json = parseObject(body);
        String from = requiredString(json, "from");
        if (!E164.matcher(from).matches()) {
            throw invalid("from must be an E.164 number with a leading +");
        }
        if (!ownedNumbers.contains(from)) {
            throw new ApiError(403, "numbers.not_owned", "from " + from + " is not an active number of this workspace");
        }
        String callerId = optionalString(json, "caller_id");
        if (callerId != null && !ownedNumbers.contains(callerId)) {
            throw new ApiError(403, "numbers.not_owned", "caller_id " + callerId + " is not a number of this workspace");
        }
        String to = destination(json, strictTo);
        String callbackUrl = optionalString(json, "voice_callback_url");
        if (callbackUrl == null) {
            callbackUrl = optionalString(json, "webhook_url");
        }
        if (callbackUrl != null) {
            checkUrl(callbackUrl);
        }
        String label = optionalString(json, "client_request_id");
        if (label == null) {
            label = optionalString(json, "clientRequestId");
        }
        if (label != null) {
            checkLabel(label);
        }
        boolean forwarded = label != null && !LABEL_DROPPED_BY_PBX.matcher(label).find();
        return new CreateCallRequest(from, to, callbackUrl, label, forwarded, callerId);
    }

    private static JsonObject parseObject(String body) {
        try {
            JsonValue value = SimJson.parse(body);
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new ApiError(400, "request.invalid_json", "the body must be a JSON object");
            }
            return value.asJsonObject();
        } catch (JsonException e) {
            throw new ApiError(400, "request.invalid_json", "the body is not valid JSON");
        }
    }

    private static String destination(JsonObject json, boolean strictTo) {
        JsonValue to = json.get("to");
        if (to == null || to.getValueType() == JsonValue.ValueType.NULL) {
            throw invalid("to is required");
        }
        if (to.getValueType() == JsonValue.ValueType.STRING && !strictTo) {
            to = SimJson.array().add(to).build();
        }
        if (to.getValueType() != JsonValue.ValueType.ARRAY) {
            throw invalid("to must be an array of E.164 strings");
        }
        JsonArray numbers = to.asJsonArray();
        if (numbers.size() != 1) {
            // GAP: fan-out semantics are undocumented; the fake takes exactly one destination
            throw invalid("to must hold exactly one number");
        }
        JsonValue number = numbers.get(0);
        if (number.getValueType() != JsonValue.ValueType.STRING
                || !E164.matcher(((JsonString) number).getString()).matches()) {
            throw invalid("to[0] must be an E.164 number with a leading +");
        }
        return ((JsonString) number).getString();
    }

    private static void checkUrl(String url) {
        try {
            URI uri = URI.create(url);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw invalid("voice_callback_url must be an absolute http(s) URL");
            }
        } catch (IllegalArgumentException e) {
            throw invalid("voice_callback_url is not a URL");
        }
    }

    private static void checkLabel(String label) {
        if (label.length() > MAX_LABEL_LENGTH) {
            throw invalid("client_request_id is longer than " + MAX_LABEL_LENGTH + " characters");
        }
        if (label.startsWith("mcp:") || label.startsWith("broadcast:")) {
            throw invalid("client_request_id must not start with mcp: or broadcast:");
        }
        if (CONTROL_CHARS.matcher(label).find()) {
            throw invalid("client_request_id must not contain control characters");
        }
    }

    private static String requiredString(JsonObject json, String name) {
        String value = optionalString(json, name);
        if (value == null) {
            throw invalid(name + " is required");
        }
        return value;
    }

    private static String optionalString(JsonObject json, String name) {
        JsonValue value = json.get(name);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value.getValueType() != JsonValue.ValueType.STRING) {
            throw invalid(name + " must be a string");
        }
        return ((JsonString) value).getString();
    }

    private static ApiError invalid(String message) {
        return new ApiError(400, "validation.failed", message);
    }
}
