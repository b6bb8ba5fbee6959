package ke.thibitisha.voice;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import ke.thibitisha.paybill.Language;

import java.io.StringReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every document {@link VoiceScript} can produce, run through a validator of the Sautikit Voice Actions DSL
 * written here from sautikit-api.md §9, plus the spoken content the contract (§4) asks for.
 */
class VoiceScriptDslTest {

    // ================================================================ the DSL validator

    /** Sautikit's rules for a JSON voice-action document (sautikit-api.md §9); an empty list means valid. */
    static final class Dsl {
        static final int MAX_ACTIONS = 50;
        static final Set<String> VERBS = Set.of("say", "play", "getDigits", "dial", "conference", "record", "redirect",
                "reject", "hangup");
        static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{6,14}");
        static final Pattern BCP47 = Pattern.compile("[a-z]{2,3}(-[A-Z]{2})?");

        static List<String> validate(JsonValue document) {
            List<String> errors = new ArrayList<>();
            if (!(document instanceof JsonObject root)) {
                errors.add("document is not a JSON object");
                return errors;
            }
            if (!root.keySet().equals(Set.of("actions"))) {
                errors.add("document must have exactly the key 'actions', has " + root.keySet());
            }
            if (!(root.get("actions") instanceof JsonArray actions)) {
                errors.add("actions is not an array");
                return errors;
            }
            if (actions.isEmpty()) {
                errors.add("actions is empty");
            }
            if (actions.size() > MAX_ACTIONS) {
                errors.add("actions has " + actions.size() + " elements, at most " + MAX_ACTIONS);
            }
            for (int i = 0; i < actions.size(); i++) {
                action(actions.get(i), "actions[" + i + "]", VERBS, errors);
            }
            return errors;
        }

        private static void action(JsonValue element, String at, Set<String> allowed, List<String> errors) {
            if (!(element instanceof JsonObject action)) {
                errors.add(at + " is not an object");
                return;
            }
            if (action.size() != 1) {
                errors.add(at + " must have exactly one verb key, has " + action.keySet());
                return;
            }
            String verb = action.keySet().iterator().next();
            if (!allowed.contains(verb)) {
                errors.add(at + ": verb '" + verb + "' is not allowed here");
                return;
            }
            if (!(action.get(verb) instanceof JsonObject body)) {
                errors.add(at + "." + verb + " is not an object");
                return;
            }
            String p = at + "." + verb;
            switch (verb) {
                case "say" -> {
                    requiredText(body, "text", p, errors);
                    optionalText(body, "voice", p, errors);
                    if (body.containsKey("language")) {
                        if (!(body.get("language") instanceof JsonString lang) || !BCP47.matcher(lang.getString()).matches()) {
                            errors.add(p + ".language is not a BCP-47 tag");
                        }
                    }
                    optionalCount(body, "loop", p, errors);
                }
                case "play" -> {
                    requiredText(body, "url", p, errors);
                    optionalCount(body, "loop", p, errors);
                }
                case "getDigits" -> {
                    optionalCount(body, "timeout", p, errors);
                    optionalCount(body, "numDigits", p, errors);
                    optionalText(body, "finishOnKey", p, errors);
                    if (body.containsKey("nested")) {
                        if (!(body.get("nested") instanceof JsonArray nested)) {
                            errors.add(p + ".nested is not an array");
                        } else {
                            for (int i = 0; i < nested.size(); i++) {
                                action(nested.get(i), p + ".nested[" + i + "]", Set.of("say", "play"), errors);
                            }
                        }
                    }
                }
                case "dial" -> {
                    long targets = Stream.of("number", "numbers", "sip").filter(body::containsKey).count();
                    if (targets != 1) {
                        errors.add(p + " must have exactly one of number, numbers, sip (has " + targets + ")");
                    }
                    if (body.containsKey("number") && !isE164(body.get("number"))) {
                        errors.add(p + ".number is not E.164");
                    }
                    if (body.containsKey("numbers")) {
                        if (!(body.get("numbers") instanceof JsonArray numbers) || numbers.isEmpty()
                                || !numbers.stream().allMatch(Dsl::isE164)) {
                            errors.add(p + ".numbers is not a non-empty array of E.164 numbers");
                        }
                    }
                    if (body.containsKey("sip")) {
                        if (!(body.get("sip") instanceof JsonString sip) || !sip.getString().startsWith("sip:")) {
                            errors.add(p + ".sip is not a SIP URI");
                        }
                    }
                    if (body.containsKey("callerId") && !isE164(body.get("callerId"))) {
                        errors.add(p + ".callerId is not E.164");
                    }
                    optionalCount(body, "timeout", p, errors);
                }
                case "conference" -> requiredText(body, "name", p, errors);
                case "record" -> {
                    optionalText(body, "action", p, errors);
                    method(body, p, errors);
                }
                case "redirect" -> {
                    requiredText(body, "url", p, errors);
                    method(body, p, errors);
                }
                case "reject" -> {
                    if (body.containsKey("reason") && !(body.get("reason") instanceof JsonString reason
                            && Set.of("rejected", "busy").contains(reason.getString()))) {
                        errors.add(p + ".reason must be rejected or busy");
                    }
                }
                case "hangup" -> {
                    if (!body.isEmpty()) {
                        errors.add(p + " takes no parameters");
                    }
                }
                default -> throw new IllegalStateException(verb);
            }
        }

        private static boolean isE164(JsonValue v) {
            return v instanceof JsonString s && E164.matcher(s.getString()).matches();
        }

        private static void requiredText(JsonObject body, String key, String p, List<String> errors) {
            if (!(body.get(key) instanceof JsonString s) || s.getString().isBlank()) {
                errors.add(p + "." + key + " is required and must be a non-blank string");
            }
        }

        private static void optionalText(JsonObject body, String key, String p, List<String> errors) {
            if (body.containsKey(key) && !(body.get(key) instanceof JsonString)) {
                errors.add(p + "." + key + " must be a string");
            }
        }

        private static void optionalCount(JsonObject body, String key, String p, List<String> errors) {
            if (body.containsKey(key) && !(body.get(key) instanceof JsonNumber n && n.isIntegral() && n.longValue() >= 0)) {
                errors.add(p + "." + key + " must be a non-negative integer");
            }
        }

        private static void method(JsonObject body, String p, List<String> errors) {
            if (body.containsKey("method") && !(body.get("method") instanceof JsonString m
                    && Set.of("GET", "POST").contains(m.getString()))) {
                errors.add(p + ".method must be GET or POST");
            }
        }
    }

    static JsonObject json(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    static void assertValid(JsonValue document) {
        List<String> errors = Dsl.validate(document);
        assertTrue(errors.isEmpty(), () -> errors + " in " + document);
    }

    // ================================================================ the validator can fail

    @Test
    void validatorAcceptsTheReferenceExample() {
        assertValid(json("""
                {"actions":[{"say":{"text":"…","language":"en-KE"}},{"getDigits":{"numDigits":1,"timeout":8,
                "nested":[{"say":{"text":"…"}}]}},{"hangup":{}}]}"""));
        assertValid(json("""
                {"actions":[{"play":{"url":"https://cdn.example/a.mp3","loop":2}},{"dial":{"numbers":["+254711000111","+254711000222"]}},
                {"dial":{"sip":"sip:agent@pbx.example"}},{"conference":{"name":"room"}},{"record":{"action":"https://x/r","method":"POST"}},
                {"redirect":{"url":"/next","method":"GET"}},{"reject":{"reason":"busy"}},{"reject":{}},{"hangup":{}}]}"""));
    }

    static Stream<Arguments> invalidDocuments() {
        String fiftyOne = Stream.generate(() -> "{\"hangup\":{}}").limit(51).collect(Collectors.joining(",", "{\"actions\":[", "]}"));
        return Stream.of(
                Arguments.of("top-level array", "[{\"hangup\":{}}]", "not a JSON object"),
                Arguments.of("no actions key", "{\"verbs\":[{\"hangup\":{}}]}", "actions"),
                Arguments.of("extra top-level key", "{\"actions\":[{\"hangup\":{}}],\"x\":1}", "exactly the key 'actions'"),
                Arguments.of("actions not an array", "{\"actions\":{\"hangup\":{}}}", "not an array"),
                Arguments.of("empty actions", "{\"actions\":[]}", "empty"),
                Arguments.of("51 actions", fiftyOne, "at most 50"),
                Arguments.of("element not an object", "{\"actions\":[\"hangup\"]}", "not an object"),
                Arguments.of("two verbs in one element", "{\"actions\":[{\"say\":{\"text\":\"a\"},\"hangup\":{}}]}", "exactly one verb"),
                Arguments.of("empty element", "{\"actions\":[{}]}", "exactly one verb"),
                Arguments.of("unknown verb", "{\"actions\":[{\"speak\":{\"text\":\"a\"}}]}", "'speak'"),
                Arguments.of("verb value not an object", "{\"actions\":[{\"say\":\"hello\"}]}", "not an object"),
                Arguments.of("say without text", "{\"actions\":[{\"say\":{\"language\":\"en-KE\"}}]}", "say.text"),
                Arguments.of("say blank text", "{\"actions\":[{\"say\":{\"text\":\"  \"}}]}", "say.text"),
                Arguments.of("say text a number", "{\"actions\":[{\"say\":{\"text\":1500}}]}", "say.text"),
                Arguments.of("say bad language", "{\"actions\":[{\"say\":{\"text\":\"a\",\"language\":\"english\"}}]}", "language"),
                Arguments.of("play without url", "{\"actions\":[{\"play\":{\"loop\":1}}]}", "play.url"),
                Arguments.of("redirect without url", "{\"actions\":[{\"redirect\":{\"method\":\"POST\"}}]}", "redirect.url"),
                Arguments.of("redirect bad method", "{\"actions\":[{\"redirect\":{\"url\":\"/x\",\"method\":\"PUT\"}}]}", "method"),
                Arguments.of("getDigits nests hangup",
                        "{\"actions\":[{\"getDigits\":{\"numDigits\":1,\"nested\":[{\"hangup\":{}}]}}]}", "'hangup' is not allowed"),
                Arguments.of("getDigits nests dial",
                        "{\"actions\":[{\"getDigits\":{\"nested\":[{\"dial\":{\"number\":\"+254711000111\"}}]}}]}", "'dial' is not allowed"),
                Arguments.of("getDigits nests an invalid say",
                        "{\"actions\":[{\"getDigits\":{\"nested\":[{\"say\":{}}]}}]}", "nested[0].say.text"),
                Arguments.of("getDigits numDigits negative", "{\"actions\":[{\"getDigits\":{\"numDigits\":-1}}]}", "numDigits"),
                Arguments.of("getDigits nested not an array", "{\"actions\":[{\"getDigits\":{\"nested\":{\"say\":{\"text\":\"a\"}}}}]}", "nested"),
                Arguments.of("dial with number and sip",
                        "{\"actions\":[{\"dial\":{\"number\":\"+254711000111\",\"sip\":\"sip:a@b\"}}]}", "exactly one of"),
                Arguments.of("dial with number and numbers",
                        "{\"actions\":[{\"dial\":{\"number\":\"+254711000111\",\"numbers\":[\"+254711000222\"]}}]}", "exactly one of"),
                Arguments.of("dial without target", "{\"actions\":[{\"dial\":{\"timeout\":30}}]}", "exactly one of"),
                Arguments.of("dial number not E.164", "{\"actions\":[{\"dial\":{\"number\":\"0711000111\"}}]}", "E.164"),
                Arguments.of("dial empty numbers", "{\"actions\":[{\"dial\":{\"numbers\":[]}}]}", "numbers"),
                Arguments.of("conference without name", "{\"actions\":[{\"conference\":{}}]}", "conference.name"),
                Arguments.of("reject other reason", "{\"actions\":[{\"reject\":{\"reason\":\"declined\"}}]}", "rejected or busy"),
                Arguments.of("hangup with parameters", "{\"actions\":[{\"hangup\":{\"reason\":\"x\"}}]}", "no parameters"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidDocuments")
    void validatorRejectsInvalidDocuments(String label, String document, String fragment) {
        JsonValue doc;
        try (var reader = Json.createReader(new StringReader(document))) {
            doc = reader.readValue();
        }
        List<String> errors = Dsl.validate(doc);
        assertFalse(errors.isEmpty(), "accepted: " + document);
        assertTrue(errors.stream().anyMatch(e -> e.contains(fragment)), () -> "no error mentions '" + fragment + "': " + errors);
    }

    // ================================================================ every document VoiceScript produces

    static final String CALLBACK = "https://thibitisha.example/thibitisha/api/sautikit/voice/r_8Jk2mQ9xLp";
    static final String AGENT = "+254711222333";
    static final String MESSAGE = "Your loan repayment to ACME has been received.";

    static VoiceScript.Call call(Language lang, String amount, String receipt, Optional<String> message, boolean useLaki) {
        return new VoiceScript.Call(lang, new BigDecimal(amount), receipt, message, Optional.of(AGENT), useLaki, CALLBACK);
    }

    static Stream<Arguments> everyDocument() {
        List<Arguments> docs = new ArrayList<>();
        for (Language lang : Language.values()) {
            for (Optional<String> message : List.of(Optional.<String>empty(), Optional.of(MESSAGE))) {
                for (boolean laki : new boolean[]{false, true}) {
                    for (String amount : List.of("1500", "250050.50", "1", "999999999.99")) {
                        VoiceScript.Call c = call(lang, amount, "UC58K2QW7P", message, laki);
                        String label = lang + " " + amount + (message.isPresent() ? " with message" : "") + (laki ? " laki" : "");
                        docs.add(Arguments.of("firstPlay " + label, VoiceScript.firstPlay(c)));
                        docs.add(Arguments.of("repeat " + label, VoiceScript.repeat(c)));
                    }
                }
            }
            docs.add(Arguments.of("firstPlay " + lang + " 20-char receipt",
                    VoiceScript.firstPlay(call(lang, "10", "ABCDEFGHIJ0123456789", Optional.empty(), false))));
            docs.add(Arguments.of("acknowledged " + lang, VoiceScript.acknowledged(lang)));
            docs.add(Arguments.of("noResponse " + lang, VoiceScript.noResponse(lang)));
            docs.add(Arguments.of("escalated without agent " + lang, VoiceScript.escalated(lang, Optional.empty())));
            docs.add(Arguments.of("escalated with agent " + lang, VoiceScript.escalated(lang, Optional.of(AGENT))));
        }
        docs.add(Arguments.of("unknownCall", VoiceScript.unknownCall()));
        docs.add(Arguments.of("alreadyDone", VoiceScript.alreadyDone()));
        return docs.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyDocument")
    void everyDocumentIsValidDsl(String label, JsonObject document) {
        assertValid(document);
        // what Sautikit receives is the serialised form: it must read back to the same valid document
        assertValid(json(document.toString()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyDocument")
    void everyDocumentEndsTheCallOrHandsItOn(String label, JsonObject document) {
        JsonArray actions = document.getJsonArray("actions");
        String lastVerb = verb(actions.get(actions.size() - 1));
        assertTrue(Set.of("hangup", "redirect").contains(lastVerb), label + " ends with " + lastVerb);
    }

    @Test
    void everyDocumentListCoversEveryBuilder() {
        Set<String> kinds = everyDocument().map(a -> ((String) a.get()[0]).split(" ")[0]).collect(Collectors.toSet());
        assertEquals(Set.of("firstPlay", "repeat", "acknowledged", "noResponse", "escalated", "unknownCall", "alreadyDone"), kinds);
        assertTrue(everyDocument().count() >= 70);
    }

    // ================================================================ content

    static String verb(JsonValue action) {
        return action.asJsonObject().keySet().iterator().next();
    }

    static List<JsonObject> verbs(JsonObject document, String verb) {
        List<JsonObject> found = new ArrayList<>();
        for (JsonValue action : document.getJsonArray("actions")) {
            JsonObject a = action.asJsonObject();
            if (a.containsKey(verb)) {
                found.add(a.getJsonObject(verb));
            }
            if (a.containsKey("getDigits") && a.getJsonObject("getDigits").containsKey("nested")) {
                for (JsonValue nested : a.getJsonObject("getDigits").getJsonArray("nested")) {
                    if (nested.asJsonObject().containsKey(verb)) {
                        found.add(nested.asJsonObject().getJsonObject(verb));
                    }
                }
            }
        }
        return found;
    }

    static String spoken(JsonObject document) {
        return verbs(document, "say").stream().map(s -> s.getString("text")).collect(Collectors.joining(" | "));
    }

    static JsonObject getDigits(JsonObject document) {
        List<JsonObject> all = verbs(document, "getDigits");
        assertEquals(1, all.size(), "exactly one getDigits");
        return all.get(0);
    }

    @Test
    void firstPlayEnglishSaysAmountReceiptAndChoice() {
        JsonObject doc = VoiceScript.firstPlay(call(Language.EN, "1500", "UC58K2QW7P", Optional.empty(), false));
        String text = spoken(doc);
        String receipt = ReceiptReading.spoken("UC58K2QW7P", Language.EN);
        assertAll(
                () -> assertTrue(text.contains("one thousand five hundred Kenya shillings"), text),
                () -> assertTrue(text.contains(receipt), text),
                () -> assertTrue(text.contains("Uniform, Charlie, five. eight, Kilo, two. Quebec, Whiskey, seven, Papa"), text),
                () -> assertTrue(text.contains("Press 1 to confirm, press 2 to speak to an agent"), text),
                () -> assertTrue(text.contains("We have received your M-Pesa payment."), "default message: " + text),
                () -> assertTrue(text.indexOf("one thousand five hundred") < text.indexOf(receipt), "amount before receipt"),
                () -> assertTrue(text.indexOf(receipt) < text.indexOf("Press 1"), "receipt before the choice"),
                () -> verbs(doc, "say").forEach(s -> assertEquals("en-KE", s.getString("language"), s.toString())));
    }

    @Test
    void firstPlayPromptIsInsideGetDigitsWhichWaitsForOneKey() {
        JsonObject doc = VoiceScript.firstPlay(call(Language.EN, "1500", "UC58K2QW7P", Optional.empty(), false));
        JsonObject digits = getDigits(doc);
        assertEquals(1, digits.getInt("numDigits"));
        String nested = digits.getJsonArray("nested").stream()
                .map(v -> v.asJsonObject().getJsonObject("say").getString("text")).collect(Collectors.joining(" "));
        assertTrue(nested.contains("Press 1 to confirm, press 2 to speak to an agent"), nested);
        assertTrue(digits.getInt("timeout") > 0, "a timeout, not the PBX default");
    }

    @Test
    void firstPlayRedirectsBackToItsOwnCallbackAfterTheChoice() {
        JsonObject doc = VoiceScript.firstPlay(call(Language.SW, "1500", "UC58K2QW7P", Optional.empty(), false));
        JsonArray actions = doc.getJsonArray("actions");
        assertEquals("getDigits", verb(actions.get(actions.size() - 2)));
        JsonObject redirect = actions.getJsonObject(actions.size() - 1).getJsonObject("redirect");
        assertEquals(CALLBACK, redirect.getString("url"));
    }

    @Test
    void firstPlaySwahili() {
        JsonObject doc = VoiceScript.firstPlay(call(Language.SW, "1500", "UC58K2QW7P", Optional.empty(), false));
        String text = spoken(doc);
        assertAll(
                () -> assertTrue(text.contains("shilingi elfu moja mia tano"), text),
                () -> assertTrue(text.contains(ReceiptReading.spoken("UC58K2QW7P", Language.SW)), text),
                () -> assertTrue(text.contains("yu, si, tano. nane, kei, mbili. kyu, dabuliyu, saba, pi"), text),
                () -> assertTrue(text.contains("Bonyeza 1"), text),
                () -> assertFalse(text.contains("Kenya shillings"), "no English amount in a Swahili call: " + text),
                () -> assertEquals(1, getDigits(doc).getInt("numDigits")),
                () -> verbs(doc, "say").forEach(s -> assertEquals("sw-KE", s.getString("language"), s.toString())));
    }

    @Test
    void paybillMessageReplacesTheDefaultOpening() {
        for (Language lang : Language.values()) {
            String text = spoken(VoiceScript.firstPlay(call(lang, "1500", "UC58K2QW7P", Optional.of(MESSAGE), false)));
            assertTrue(text.contains(MESSAGE), text);
            assertFalse(text.contains("We have received your M-Pesa payment."), text);
            assertFalse(text.contains("Tumepokea malipo yako ya M-Pesa."), text);
        }
    }

    @Test
    void swahiliUsesLakiOnlyWhenAsked() {
        String withLaki = spoken(VoiceScript.firstPlay(call(Language.SW, "250000", "UC58K2QW7P", Optional.empty(), true)));
        String without = spoken(VoiceScript.firstPlay(call(Language.SW, "250000", "UC58K2QW7P", Optional.empty(), false)));
        assertTrue(withLaki.contains("shilingi laki mbili elfu hamsini"), withLaki);
        assertTrue(without.contains("shilingi elfu mia mbili na hamsini"), without);
        assertFalse(without.contains("laki"), without);
    }

    @Test
    void englishIgnoresUseLaki() {
        assertEquals(VoiceScript.firstPlay(call(Language.EN, "250000", "UC58K2QW7P", Optional.empty(), true)),
                VoiceScript.firstPlay(call(Language.EN, "250000", "UC58K2QW7P", Optional.empty(), false)));
    }

    @Test
    void repeatAsksAgainWithoutRepeatingTheAmount() {
        for (Language lang : Language.values()) {
            JsonObject doc = VoiceScript.repeat(call(lang, "1500", "UC58K2QW7P", Optional.empty(), false));
            String text = spoken(doc);
            assertEquals(1, getDigits(doc).getInt("numDigits"));
            assertTrue(text.contains(lang == Language.EN ? "Press 1 to confirm, press 2 to speak to an agent" : "Bonyeza 1"), text);
            assertFalse(text.contains(lang == Language.EN ? "one thousand five hundred" : "elfu moja"), text);
            assertEquals(CALLBACK, verbs(doc, "redirect").get(0).getString("url"));
        }
    }

    @Test
    void acknowledgedThanksAndHangsUp() {
        JsonObject en = VoiceScript.acknowledged(Language.EN);
        assertEquals(List.of("say", "hangup"), verbsInOrder(en));
        assertTrue(spoken(en).contains("Thank you"), spoken(en));
        assertEquals("en-KE", verbs(en, "say").get(0).getString("language"));
        JsonObject sw = VoiceScript.acknowledged(Language.SW);
        assertTrue(spoken(sw).contains("Asante"), spoken(sw));
        assertEquals("sw-KE", verbs(sw, "say").get(0).getString("language"));
    }

    @Test
    void noResponseSaysGoodbyeAndHangsUp() {
        assertEquals(List.of("say", "hangup"), verbsInOrder(VoiceScript.noResponse(Language.EN)));
        assertTrue(spoken(VoiceScript.noResponse(Language.EN)).contains("Goodbye"));
        assertTrue(spoken(VoiceScript.noResponse(Language.SW)).contains("Kwaheri"));
    }

    @Test
    void escalatedWithAgentDialsTheAgent() {
        for (Language lang : Language.values()) {
            JsonObject doc = VoiceScript.escalated(lang, Optional.of(AGENT));
            List<JsonObject> dials = verbs(doc, "dial");
            assertEquals(1, dials.size());
            assertEquals(AGENT, dials.get(0).getString("number"));
            assertEquals(List.of("say", "dial", "hangup"), verbsInOrder(doc));
            assertEquals(lang.bcp47(), verbs(doc, "say").get(0).getString("language"));
        }
    }

    @Test
    void escalatedWithoutAgentPromisesACallBack() {
        JsonObject en = VoiceScript.escalated(Language.EN, Optional.empty());
        assertTrue(verbs(en, "dial").isEmpty());
        assertEquals(List.of("say", "hangup"), verbsInOrder(en));
        assertTrue(spoken(en).contains("An agent will call you back"), spoken(en));
        assertTrue(spoken(VoiceScript.escalated(Language.SW, Optional.empty())).contains("Wakala atakupigia"));
    }

    @Test
    void unknownCallIsAPoliteGoodbyeInBothLanguages() {
        JsonObject doc = VoiceScript.unknownCall();
        assertEquals(List.of("say", "say", "hangup"), verbsInOrder(doc));
        assertEquals(List.of("en-KE", "sw-KE"),
                verbs(doc, "say").stream().map(s -> s.getString("language")).toList());
    }

    @Test
    void alreadyDoneOnlyHangsUp() {
        assertEquals(json("{\"actions\":[{\"hangup\":{}}]}"), VoiceScript.alreadyDone());
    }

    static List<String> verbsInOrder(JsonObject document) {
        return document.getJsonArray("actions").stream().map(VoiceScriptDslTest::verb).toList();
    }
}
