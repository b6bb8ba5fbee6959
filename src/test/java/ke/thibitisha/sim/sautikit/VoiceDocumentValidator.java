package ke.thibitisha.sim.sautikit;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a voice-action document like the platform does before running it (sautikit-api.md §9): an
 * {@code actions} array of at most 50 objects, exactly one known verb per object, required fields present and
 * typed, getDigits nesting only say/play, dial naming exactly one of number/numbers/sip, reject only on inbound
 * calls, aiAgent last. Returns one message per problem, empty when the document would run.
 */
final class VoiceDocumentValidator {

    static final int MAX_ACTIONS = 50;
    private static final Set<String> VERBS = Set.of("say", "play", "getDigits", "dial", "conference", "record",
            "redirect", "reject", "hangup", "stream", "aiAgent");
    private static final Set<String> NESTABLE = Set.of("say", "play");
    private static final Set<String> METHODS = Set.of("GET", "POST");

    private VoiceDocumentValidator() {
    }

    static List<String> validate(JsonObject document, String direction) {
        List<String> problems = new ArrayList<>();
        JsonValue actions = document.get("actions");
        if (actions == null || actions.getValueType() != JsonValue.ValueType.ARRAY) {
            problems.add("document has no \"actions\" array");
            return problems;
        }
        JsonArray list = actions.asJsonArray();
        if (list.size() > MAX_ACTIONS) {
            problems.add("document has " + list.size() + " actions, more than " + MAX_ACTIONS);
        }
        for (int i = 0; i < list.size(); i++) {
            String where = "actions[" + i + "]";
            String verb = checkStep(list.get(i), where, VERBS, problems);
            if (verb == null) {
                continue;
            }
            JsonObject args = list.getJsonObject(i).getJsonObject(verb);
            checkVerb(verb, args, where + "." + verb, problems);
            if (verb.equals("reject") && !"inbound".equals(direction)) {
                problems.add(where + ".reject: reject is allowed on inbound calls only");
            }
            if (verb.equals("aiAgent") && i != list.size() - 1) {
                problems.add(where + ".aiAgent: aiAgent must be the last action");
            }
        }
        return problems;
    }

    /** Returns the step's verb when it is an object with exactly one allowed verb whose value is an object. */
    private static String checkStep(JsonValue step, String where, Set<String> allowed, List<String> problems) {
        if (step.getValueType() != JsonValue.ValueType.OBJECT) {
            problems.add(where + ": each action must be an object");
            return null;
        }
        JsonObject object = step.asJsonObject();
        if (object.size() != 1) {
            problems.add(where + ": each action must hold exactly one verb, found " + object.keySet());
            return null;
        }
        Map.Entry<String, JsonValue> only = object.entrySet().iterator().next();
        if (!allowed.contains(only.getKey())) {
            problems.add(where + ": verb \"" + only.getKey() + "\" is not allowed here");
            return null;
        }
        if (only.getValue().getValueType() != JsonValue.ValueType.OBJECT) {
            problems.add(where + "." + only.getKey() + ": the verb's value must be an object");
            return null;
        }
        return only.getKey();
    }

    private static void checkVerb(String verb, JsonObject args, String where, List<String> problems) {
        switch (verb) {
            case "say" -> {
                requireText(args, "text", where, problems);
                optionalCount(args, "loop", where, problems);
            }
            case "play" -> {
                requireText(args, "url", where, problems);
                optionalCount(args, "loop", where, problems);
            }
            case "getDigits" -> checkGetDigits(args, where, problems);
            case "dial" -> checkDial(args, where, problems);
            case "conference" -> requireText(args, "name", where, problems);
            case "redirect" -> {
                requireText(args, "url", where, problems);
                optionalMethod(args, where, problems);
            }
            case "record" -> {
                optionalMethod(args, where, problems);
                optionalCount(args, "timeout", where, problems);
                optionalCount(args, "maxLength", where, problems);
            }
            case "reject" -> {
                JsonValue reason = args.get("reason");
                if (reason != null && !(reason instanceof JsonString s && Set.of("rejected", "busy").contains(s.getString()))) {
                    problems.add(where + ": reason must be \"rejected\" or \"busy\"");
                }
            }
            case "stream" -> requireText(args, "url", where, problems);
            case "aiAgent" -> requireText(args, "agentId", where, problems);
            default -> {
                // hangup takes no parameters
            }
        }
    }

    private static void checkGetDigits(JsonObject args, String where, List<String> problems) {
        optionalCount(args, "timeout", where, problems);
        optionalCount(args, "numDigits", where, problems);
        JsonValue finishOnKey = args.get("finishOnKey");
        if (finishOnKey != null && finishOnKey.getValueType() != JsonValue.ValueType.STRING) {
            problems.add(where + ": finishOnKey must be a string");
        }
        JsonValue action = args.get("action");
        if (action != null && action.getValueType() != JsonValue.ValueType.STRING) {
            problems.add(where + ": action must be a URL string");
        }
        JsonValue nested = args.get("nested");
        if (nested == null) {
            return;
        }
        if (nested.getValueType() != JsonValue.ValueType.ARRAY) {
            problems.add(where + ": nested must be an array");
            return;
        }
        JsonArray steps = nested.asJsonArray();
        for (int i = 0; i < steps.size(); i++) {
            String inner = where + ".nested[" + i + "]";
            String verb = checkStep(steps.get(i), inner, NESTABLE, problems);
            if (verb != null) {
                checkVerb(verb, steps.getJsonObject(i).getJsonObject(verb), inner + "." + verb, problems);
            }
        }
    }

    private static void checkDial(JsonObject args, String where, List<String> problems) {
        long targets = List.of("number", "numbers", "sip").stream().filter(args::containsKey).count();
        if (targets != 1) {
            problems.add(where + ": exactly one of number, numbers, sip is required");
            return;
        }
        if (args.containsKey("number")) {
            requireE164(args.get("number"), where + ".number", problems);
        } else if (args.containsKey("numbers")) {
            JsonValue numbers = args.get("numbers");
            if (numbers.getValueType() != JsonValue.ValueType.ARRAY || numbers.asJsonArray().isEmpty()) {
                problems.add(where + ": numbers must be a non-empty array");
                return;
            }
            JsonArray list = numbers.asJsonArray();
            for (int i = 0; i < list.size(); i++) {
                requireE164(list.get(i), where + ".numbers[" + i + "]", problems);
            }
        } else {
            requireText(args, "sip", where, problems);
        }
    }

    private static void requireE164(JsonValue value, String where, List<String> problems) {
        if (!(value instanceof JsonString s && CreateCallRequest.E164.matcher(s.getString()).matches())) {
            problems.add(where + ": must be an E.164 number with a leading +");
        }
    }

    private static void requireText(JsonObject args, String field, String where, List<String> problems) {
        JsonValue value = args.get(field);
        if (!(value instanceof JsonString s) || s.getString().isBlank()) {
            problems.add(where + ": required field " + field + " is missing or not a non-empty string");
        }
    }

    private static void optionalCount(JsonObject args, String field, String where, List<String> problems) {
        JsonValue value = args.get(field);
        if (value != null && !(value instanceof JsonNumber n && n.isIntegral() && n.longValue() >= 0)) {
            problems.add(where + ": " + field + " must be a non-negative integer");
        }
    }

    private static void optionalMethod(JsonObject args, String where, List<String> problems) {
        JsonValue value = args.get("method");
        if (value != null && !(value instanceof JsonString s && METHODS.contains(s.getString()))) {
            problems.add(where + ": method must be GET or POST");
        }
    }
}
