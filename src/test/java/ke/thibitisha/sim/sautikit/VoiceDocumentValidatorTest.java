package ke.thibitisha.sim.sautikit;

import ke.thibitisha.sim.SimJson;
import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VoiceDocumentValidatorTest {

    private static List<String> problems(String document) {
        return VoiceDocumentValidator.validate(SimJson.parseObject(document), "outbound");
    }

    private static void assertOneProblem(String document, String expectedFragment) {
        List<String> problems = problems(document);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains(expectedFragment), problems.get(0));
    }

    @Test
    void theDocumentedConfirmationDocumentIsValid() {
        assertEquals(List.of(), problems("""
                {"actions":[{"say":{"text":"Hello","language":"en-KE","loop":1}},
                {"getDigits":{"numDigits":1,"timeout":8,"finishOnKey":"","nested":[{"say":{"text":"Press 1"}},
                {"play":{"url":"https://cdn.example/beep.wav"}}]}},
                {"dial":{"number":"+254733000111"}},{"redirect":{"url":"/next","method":"POST"}},{"hangup":{}}]}"""));
    }

    @Test
    void aDocumentNeedsAnActionsArray() {
        assertOneProblem("{\"say\":{\"text\":\"hi\"}}", "no \"actions\" array");
        assertOneProblem("{\"actions\":{}}", "no \"actions\" array");
    }

    @Test
    void fiftyActionsAreTheLimit() {
        String say = "{\"say\":{\"text\":\"x\"}}";
        assertEquals(List.of(), problems("{\"actions\":[" + String.join(",", Collections.nCopies(50, say)) + "]}"));
        assertOneProblem("{\"actions\":[" + String.join(",", Collections.nCopies(51, say)) + "]}",
                "more than 50");
    }

    @Test
    void eachActionHoldsExactlyOneKnownVerbWithAnObjectValue() {
        assertOneProblem("{\"actions\":[{\"say\":{\"text\":\"a\"},\"hangup\":{}}]}", "exactly one verb");
        assertOneProblem("{\"actions\":[{}]}", "exactly one verb");
        assertOneProblem("{\"actions\":[{\"speak\":{\"text\":\"a\"}}]}", "\"speak\" is not allowed");
        assertOneProblem("{\"actions\":[\"hangup\"]}", "must be an object");
        assertOneProblem("{\"actions\":[{\"say\":\"hello\"}]}", "value must be an object");
    }

    @Test
    void requiredFieldsMustBePresent() {
        assertOneProblem("{\"actions\":[{\"say\":{}}]}", "required field text");
        assertOneProblem("{\"actions\":[{\"say\":{\"text\":\"\"}}]}", "required field text");
        assertOneProblem("{\"actions\":[{\"play\":{}}]}", "required field url");
        assertOneProblem("{\"actions\":[{\"redirect\":{\"method\":\"POST\"}}]}", "required field url");
        assertOneProblem("{\"actions\":[{\"conference\":{}}]}", "required field name");
    }

    @Test
    void getDigitsNestsOnlySayAndPlay() {
        assertOneProblem("{\"actions\":[{\"getDigits\":{\"nested\":[{\"dial\":{\"number\":\"+254733000111\"}}]}}]}",
                "\"dial\" is not allowed");
        assertOneProblem("{\"actions\":[{\"getDigits\":{\"nested\":[{\"say\":{}}]}}]}", "required field text");
        assertOneProblem("{\"actions\":[{\"getDigits\":{\"numDigits\":-1}}]}", "numDigits");
    }

    @Test
    void dialNamesExactlyOneTarget() {
        assertOneProblem("{\"actions\":[{\"dial\":{}}]}", "exactly one of number, numbers, sip");
        assertOneProblem("{\"actions\":[{\"dial\":{\"number\":\"+254733000111\",\"sip\":\"sip:a@b\"}}]}",
                "exactly one of number, numbers, sip");
        assertOneProblem("{\"actions\":[{\"dial\":{\"number\":\"0733000111\"}}]}", "E.164");
        assertOneProblem("{\"actions\":[{\"dial\":{\"numbers\":[]}}]}", "non-empty array");
    }

    @Test
    void rejectIsForInboundCallsOnly() {
        assertOneProblem("{\"actions\":[{\"reject\":{\"reason\":\"busy\"}}]}", "inbound calls only");
        assertEquals(List.of(), VoiceDocumentValidator.validate(
                SimJson.parseObject("{\"actions\":[{\"reject\":{\"reason\":\"busy\"}}]}"), "inbound"));
        assertEquals(2, problems("{\"actions\":[{\"reject\":{\"reason\":\"later\"}}]}").size());
    }

    @Test
    void everyProblemIsReported() {
        assertEquals(3, problems("{\"actions\":[{\"say\":{}},{\"play\":{}},{\"jump\":{}}]}").size());
    }
}
