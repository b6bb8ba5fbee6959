package ke.thibitisha.voice;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import ke.thibitisha.paybill.Language;

import java.math.BigDecimal;
import java.util.Optional;

import static ke.thibitisha.platform.JsonProviders.JSON;

/**
 * Builds the Voice Actions documents of a confirmation call (Sautikit DSL: at most 50 actions, one verb
 * per object, {@code getDigits.nested} only say/play). Everything comes from stored data: nothing here
 * may call another system while Sautikit waits for the answer.
 */
public final class VoiceScript {

    /** What the call is about. {@code message} is the paybill's own opening line, if it has one. */
    public record Call(Language language, BigDecimal amount, String receipt, Optional<String> message,
                       Optional<String> agentNumber, boolean useLaki, String callbackUrl) {
    }

    private VoiceScript() {
    }

    /** Greeting, the paybill's message, amount, receipt, then the choice. */
    public static JsonObject firstPlay(Call call) {
        Phrases p = Phrases.of(call.language());
        JsonArrayBuilder actions = JSON.createArrayBuilder()
                .add(say(call, p.greeting() + " " + call.message().orElse(p.defaultMessage())))
                .add(say(call, p.amountIntro() + " " + amountWords(call) + "."))
                .add(say(call, p.receiptIntro() + " " + ReceiptReading.spoken(call.receipt(), call.language()) + "."));
        return choice(call, p, actions);
    }

    /** No choice (or another key) the first time: ask once more. */
    public static JsonObject repeat(Call call) {
        Phrases p = Phrases.of(call.language());
        JsonArrayBuilder actions = JSON.createArrayBuilder().add(say(call, p.notHeard()));
        return choice(call, p, actions);
    }

    public static JsonObject acknowledged(Language language) {
        return goodbye(language, Phrases.of(language).thanks());
    }

    public static JsonObject noResponse(Language language) {
        return goodbye(language, Phrases.of(language).noChoice());
    }

    /** Press 2: put the payer through to the paybill's agent, or promise a call back when there is none. */
    public static JsonObject escalated(Language language, Optional<String> agentNumber) {
        Phrases p = Phrases.of(language);
        if (agentNumber.isEmpty()) {
            return goodbye(language, p.agentWillCall());
        }
        JsonObject dial = JSON.createObjectBuilder().add("dial", JSON.createObjectBuilder()
                .add("number", agentNumber.get()).add("timeout", 30)).build();
        return JSON.createObjectBuilder().add("actions", JSON.createArrayBuilder()
                .add(say(language, p.connecting()))
                .add(dial)
                .add(hangup())).build();
    }

    /** A callback we cannot match to a call: a polite goodbye in both languages, never an error page. */
    public static JsonObject unknownCall() {
        return JSON.createObjectBuilder().add("actions", JSON.createArrayBuilder()
                .add(say(Language.EN, Phrases.of(Language.EN).unknownCall()))
                .add(say(Language.SW, Phrases.of(Language.SW).unknownCall()))
                .add(hangup())).build();
    }

    /** The call already has its outcome (Sautikit may call back again on later call events): just end it. */
    public static JsonObject alreadyDone() {
        return JSON.createObjectBuilder().add("actions", JSON.createArrayBuilder().add(hangup())).build();
    }

    private static JsonObject choice(Call call, Phrases p, JsonArrayBuilder actions) {
        JsonObject getDigits = JSON.createObjectBuilder().add("getDigits", JSON.createObjectBuilder()
                .add("numDigits", 1)
                .add("timeout", 8)
                .add("finishOnKey", "")
                .add("nested", JSON.createArrayBuilder().add(say(call, p.prompt())))).build();
        // Digits come back as a new POST to the callback URL; should the platform instead run on to the
        // next action when nobody presses a key, the redirect brings that "no input" to us as well.
        JsonObject redirect = JSON.createObjectBuilder().add("redirect", JSON.createObjectBuilder()
                .add("url", call.callbackUrl()).add("method", "POST")).build();
        return JSON.createObjectBuilder().add("actions", actions.add(getDigits).add(redirect)).build();
    }

    private static JsonObject goodbye(Language language, String text) {
        return JSON.createObjectBuilder().add("actions", JSON.createArrayBuilder()
                .add(say(language, text)).add(hangup())).build();
    }

    private static String amountWords(Call call) {
        return call.language() == Language.SW
                ? AmountInWords.swahili(call.amount(), call.useLaki())
                : AmountInWords.english(call.amount());
    }

    private static JsonObject say(Call call, String text) {
        return say(call.language(), text);
    }

    private static JsonObject say(Language language, String text) {
        JsonObjectBuilder say = JSON.createObjectBuilder().add("text", text).add("language", language.bcp47());
        return JSON.createObjectBuilder().add("say", say).build();
    }

    private static JsonObject hangup() {
        return JSON.createObjectBuilder().add("hangup", JSON.createObjectBuilder()).build();
    }
}
