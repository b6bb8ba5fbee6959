package ke.thibitisha.sim.sautikit;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CallScriptTest {

    @Test
    void answerScriptsCarryTimesAndKeys() {
        CallScript script = CallScript.answer(100, 400).pressing("1");

        assertEquals(CallScript.Outcome.ANSWER, script.outcome());
        assertEquals(100, script.ringMs());
        assertEquals(400, script.talkMs());
        assertEquals(List.of("1"), script.digits());
    }

    @Test
    void nullAndEmptyKeysMeanNoInput() {
        assertEquals(List.of(""), CallScript.answer(0, 0).pressing((String[]) null).digits());
        assertEquals(List.of("", "2"), CallScript.answer(0, 0).pressing(null, "2").digits());
        assertEquals(List.of(""), CallScript.answer(0, 0).pressing("").digits());
    }

    @Test
    void failuresHaveTheirStatusAndEventReason() {
        assertEquals("busy", CallScript.busy().outcome().status());
        assertEquals("busy", CallScript.busy().outcome().failureReason());
        assertEquals("no_answer", CallScript.noAnswer().outcome().status());
        assertEquals("failed", CallScript.failed().outcome().status());
        assertEquals("network_error", CallScript.failed().outcome().failureReason());
        assertEquals("canceled", CallScript.canceled().outcome().status());
        assertEquals(500, CallScript.busy().after(500).ringMs());
    }

    @Test
    void theTextFormRoundTrips() {
        CallScript parsed = CallScript.parse("answer:100:400:1/-/23");

        assertEquals(List.of("1", "", "23"), parsed.digits());
        assertEquals(400, parsed.talkMs());
        assertEquals(CallScript.Outcome.NO_ANSWER, CallScript.parse("no_answer:30").outcome());
        assertEquals(30, CallScript.parse("no_answer:30").ringMs());
        assertEquals("busy:20", CallScript.parse("busy").toString());
        assertEquals("answer:5:6:1/2", CallScript.parse("answer:5:6:1/2").toString());
    }

    @Test
    void badTextIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> CallScript.parse("ring:1"));
        assertThrows(IllegalArgumentException.class, () -> CallScript.parse("answer:1"));
        assertThrows(IllegalArgumentException.class, () -> CallScript.parse("answer:x:1"));
        assertThrows(IllegalArgumentException.class, () -> CallScript.parse("busy:1:2"));
        assertThrows(IllegalArgumentException.class, () -> CallScript.answer(-1, 0));
    }
}
