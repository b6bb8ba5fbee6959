package ke.thibitisha.sim.sautikit;

import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import ke.thibitisha.sim.SimHttp;
import ke.thibitisha.sim.SimJson;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The conversation between an answered call and the app's voice callback, run without blocking a thread: POST the
 * call's fields, validate and record the returned document, then run its actions in order. say/play take
 * {@code actionDuration} per play; getDigits plays its nested prompts, takes the next scripted keys and POSTs them as
 * {@code Digits} (to its {@code action} URL if it has one, else the call's callback); redirect fetches its URL; dial
 * is recorded; hangup, the end of the document, or anything the platform would refuse ends the dialogue.
 * Refusals (callback errors, invalid documents) are reported as violations.
 */
final class CallDialogue {

    // a guard against an app that redirects forever
    static final int MAX_ROUNDS = 25;
    private static final int MAX_LABEL_QUERY_BYTES = 2048;

    private final SimCall call;
    private final VoiceCallbackClient client;
    private final ScheduledExecutorService scheduler;
    private final Duration actionDuration;
    private final NoInput noInput;
    private final Consumer<String> violations;
    private final Runnable onEnd;
    private final AtomicBoolean ended = new AtomicBoolean();
    private int rounds;

    CallDialogue(SimCall call, VoiceCallbackClient client, ScheduledExecutorService scheduler,
                 Duration actionDuration, NoInput noInput, Consumer<String> violations, Runnable onEnd) {
        this.call = call;
        this.client = client;
        this.scheduler = scheduler;
        this.actionDuration = actionDuration;
        this.noInput = noInput;
        this.violations = violations;
        this.onEnd = onEnd;
    }

    void start() {
        if (call.voiceCallbackUrl() == null) {
            end();
            return;
        }
        fetch(callbackUrl(), "POST", fields());
    }

    /** The call's callback URL, with {@code ?clientRequestId=} unless the label is dropped or too long. */
    private URI callbackUrl() {
        String url = call.voiceCallbackUrl();
        if (call.clientRequestIdForwarded()) {
            String encoded = SimHttp.encode(call.clientRequestId());
            if (encoded.getBytes(StandardCharsets.UTF_8).length <= MAX_LABEL_QUERY_BYTES) {
                url += (url.contains("?") ? "&" : "?") + "clientRequestId=" + encoded;
            }
        }
        return URI.create(url);
    }

    private Map<String, String> fields() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("CallId", call.callId());
        fields.put("From", call.from());
        fields.put("To", call.to());
        if (call.clientRequestIdForwarded()) {
            fields.put("clientRequestId", call.clientRequestId());
        }
        return fields;
    }

    private void fetch(URI url, String method, Map<String, String> fields) {
        if (stopped()) {
            return;
        }
        if (++rounds > MAX_ROUNDS) {
            refuse("more than " + MAX_ROUNDS + " voice callback rounds; hanging up");
            return;
        }
        client.send(url, method, fields).whenComplete((response, failure) -> {
            try {
                onReply(url, response, failure);
            } catch (RuntimeException e) {
                refuse("simulator error after voice callback " + url + ": " + e);
            }
        });
    }

    private void onReply(URI url, HttpResponse<String> response, Throwable failure) {
        if (stopped()) {
            return;
        }
        if (failure != null) {
            refuse("voice callback " + url + " failed: " + failure);
            return;
        }
        if (response.statusCode() / 100 != 2) {
            refuse("voice callback " + url + " answered " + response.statusCode());
            return;
        }
        String body = response.body();
        call.recordReply(body);
        if (body.stripLeading().startsWith("<")) {
            end(); // XML goes to the PBX unvalidated; the fake does not run it
            return;
        }
        JsonValue parsed;
        try {
            parsed = SimJson.parse(body);
        } catch (JsonException e) {
            refuse("voice callback " + url + " answered a body that is not JSON");
            return;
        }
        if (parsed.getValueType() != JsonValue.ValueType.OBJECT) {
            refuse("voice callback " + url + " answered JSON that is not an object");
            return;
        }
        JsonObject document = parsed.asJsonObject();
        call.recordDocument(document);
        List<String> problems = VoiceDocumentValidator.validate(document, "outbound");
        if (!problems.isEmpty()) {
            problems.forEach(p -> violations.accept("call " + call.callId() + " document from " + url + ": " + p));
            end();
            return;
        }
        run(document.getJsonArray("actions"), 0, url);
    }

    private void run(JsonArray actions, int index, URI documentUrl) {
        if (stopped()) {
            return;
        }
        if (index >= actions.size()) {
            end(); // the PBX hangs up when the document runs out
            return;
        }
        JsonObject step = actions.getJsonObject(index);
        String verb = step.keySet().iterator().next();
        JsonObject args = step.getJsonObject(verb);
        Runnable next = () -> run(actions, index + 1, documentUrl);
        switch (verb) {
            case "say", "play" -> after(playTime(args), next);
            case "getDigits" -> collectDigits(args, documentUrl, next);
            case "redirect" -> fetch(documentUrl.resolve(args.getString("url")),
                    args.getString("method", "POST"), fields());
            case "hangup" -> end();
            case "dial" -> {
                dialTargets(args).forEach(call::recordDialed);
                after(actionDuration, next);
            }
            default -> after(actionDuration, next); // record, conference, stream: simulated as a pause
        }
    }

    private void collectDigits(JsonObject args, URI documentUrl, Runnable next) {
        Duration prompts = Duration.ZERO;
        JsonArray nested = args.containsKey("nested") ? args.getJsonArray("nested") : JsonValue.EMPTY_JSON_ARRAY;
        for (JsonValue prompt : nested) {
            JsonObject step = prompt.asJsonObject();
            prompts = prompts.plus(playTime(step.getJsonObject(step.keySet().iterator().next())));
        }
        String pressed = trimToGetDigits(call.nextDigits(), args);
        URI target = args.containsKey("action") ? documentUrl.resolve(args.getString("action")) : callbackUrl();
        // the keys arrive after the prompts; a no-input timeout is compressed to one action duration
        after(prompts.plus(actionDuration), () -> {
            Map<String, String> fields = fields();
            if (pressed.isEmpty()) {
                if (noInput == NoInput.NEXT_ACTION) {
                    next.run();
                    return;
                }
                if (noInput == NoInput.EMPTY_DIGITS) {
                    fields.put("Digits", "");
                    call.recordDigitsSent("");
                }
            } else {
                fields.put("Digits", pressed);
                call.recordDigitsSent(pressed);
            }
            fetch(target, "POST", fields);
        });
    }

    /** Keys after finishOnKey (default "#") are not collected, nor are keys beyond numDigits. */
    private static String trimToGetDigits(String keys, JsonObject args) {
        String finishOnKey = args.getString("finishOnKey", "#");
        if (!finishOnKey.isEmpty() && keys.contains(finishOnKey)) {
            keys = keys.substring(0, keys.indexOf(finishOnKey));
        }
        int numDigits = args.getInt("numDigits", 0);
        return numDigits > 0 && keys.length() > numDigits ? keys.substring(0, numDigits) : keys;
    }

    private static List<String> dialTargets(JsonObject args) {
        List<String> targets = new ArrayList<>();
        if (args.containsKey("number")) {
            targets.add(args.getString("number"));
        } else if (args.containsKey("numbers")) {
            args.getJsonArray("numbers").getValuesAs(JsonString.class)
                    .forEach(n -> targets.add(n.getString()));
        } else {
            targets.add(args.getString("sip"));
        }
        return targets;
    }

    /** say/play with {@code loop} N take N plays (0 and 1 both mean one play, as the SDK says). */
    private Duration playTime(JsonObject args) {
        return actionDuration.multipliedBy(Math.max(1, args.getInt("loop", 1)));
    }

    private void after(Duration delay, Runnable step) {
        scheduler.schedule(() -> {
            try {
                step.run();
            } catch (RuntimeException e) {
                refuse("simulator error while running the document: " + e);
            }
        }, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void refuse(String problem) {
        violations.accept("call " + call.callId() + ": " + problem);
        end();
    }

    private boolean stopped() {
        return ended.get() || call.isTerminal() || call.isAbandoned();
    }

    private void end() {
        if (ended.compareAndSet(false, true)) {
            onEnd.run();
        }
    }
}
