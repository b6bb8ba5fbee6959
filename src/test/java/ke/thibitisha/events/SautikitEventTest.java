package ke.thibitisha.events;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@link SautikitEvent#parse}: both documented envelopes (sautikit-api.md §10), contract §4. */
class SautikitEventTest {

    static SautikitEvent parse(String json) {
        return SautikitEvent.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void callCompletedInTheWebhookEnvelope() {
        SautikitEvent e = parse("""
                {"kind":"call.completed","event_id":"01JNKZ8Q3W6Y7T2M4R5P9X0ABC","workspace_id":"5b1e0c4a-8f0e-4a53-9d8e-2f6b7a1c3d4e",
                 "occurred_at":"2026-03-05T11:32:27.120Z",
                 "data":{"call_id":"c6f1f0d2-9a7e-4c1b-8e5f-1a2b3c4d5e6f","direction":"outbound","from":"+254711000000",
                         "to":"+254708374149","number_id":"num_1","status":"completed","duration_seconds":42,
                         "answered_at":"2026-03-05T11:31:45Z","ended_at":"2026-03-05T11:32:27Z","hangup_cause":"normal_clearing"}}""");
        assertAll(
                () -> assertEquals("01JNKZ8Q3W6Y7T2M4R5P9X0ABC", e.eventId()),
                () -> assertEquals("call.completed", e.kind()),
                () -> assertEquals("c6f1f0d2-9a7e-4c1b-8e5f-1a2b3c4d5e6f", e.callId()),
                () -> assertEquals("completed", e.status()),
                () -> assertEquals(42, e.durationSeconds()),
                () -> assertNull(e.failureReason()),
                () -> assertNull(e.clientRequestId()));
    }

    @Test
    void recordingEventInThePayloadEnvelope() {
        SautikitEvent e = parse("""
                {"event_kind":"call.recording.ready","event_id":"0190b3e4-7c2a-7d3e-9f10-aa11bb22cc33",
                 "payload":{"call_id":"c6f1f0d2-9a7e-4c1b-8e5f-1a2b3c4d5e6f","recording_duration_seconds":40,
                            "recording_size_bytes":640000,"occurred_at":"2026-03-05T11:32:30.001Z"}}""");
        assertAll(
                () -> assertEquals("0190b3e4-7c2a-7d3e-9f10-aa11bb22cc33", e.eventId()),
                () -> assertEquals("call.recording.ready", e.kind()),
                () -> assertEquals("c6f1f0d2-9a7e-4c1b-8e5f-1a2b3c4d5e6f", e.callId()),
                () -> assertNull(e.status()),
                () -> assertNull(e.durationSeconds()));
    }

    @Test
    void callCompletedInThePayloadEnvelope() {
        SautikitEvent e = parse("""
                {"event_kind":"call.completed","event_id":"ev-2","payload":{"call_id":"call-2","status":"completed","duration_seconds":7}}""");
        assertAll(
                () -> assertEquals("call.completed", e.kind()),
                () -> assertEquals("call-2", e.callId()),
                () -> assertEquals("completed", e.status()),
                () -> assertEquals(7, e.durationSeconds()));
    }

    @Test
    void kindWinsOverEventKindAndDataOverPayload() {
        SautikitEvent e = parse("""
                {"kind":"call.failed","event_kind":"call.completed","event_id":"ev-3",
                 "data":{"call_id":"from-data"},"payload":{"call_id":"from-payload"}}""");
        assertEquals("call.failed", e.kind());
        assertEquals("from-data", e.callId());
    }

    @ParameterizedTest(name = "failure_reason {0}")
    @ValueSource(strings = {"no_answer", "busy", "rejected", "network_error"})
    void callFailedCarriesItsFailureReason(String reason) {
        SautikitEvent e = parse("""
                {"kind":"call.failed","event_id":"ev-f","workspace_id":"w","occurred_at":"2026-03-05T11:32:27.120Z",
                 "data":{"call_id":"call-f","direction":"outbound","from":"+254711000000","to":"+254708374149",
                         "number_id":"num_1","status":"failed","failure_reason":"%s","ended_at":"2026-03-05T11:32:27Z"}}"""
                .formatted(reason));
        assertAll(
                () -> assertEquals("call.failed", e.kind()),
                () -> assertEquals("call-f", e.callId()),
                () -> assertEquals("failed", e.status()),
                () -> assertEquals(reason, e.failureReason()),
                () -> assertNull(e.durationSeconds()));
    }

    @Test
    void pbxCallIdIsTheFallbackForCallId() {
        SautikitEvent e = parse("""
                {"kind":"call.answered","event_id":"ev-4","data":{"pbx_call_id":"HD_7f3a","status":"answered"}}""");
        assertEquals("HD_7f3a", e.callId());
        assertEquals("answered", e.status());
    }

    @Test
    void callIdWinsOverPbxCallId() {
        SautikitEvent e = parse("""
                {"kind":"call.answered","event_id":"ev-5","data":{"pbx_call_id":"HD_7f3a","call_id":"uuid-1"}}""");
        assertEquals("uuid-1", e.callId());
    }

    @Test
    void sessionIdIsTheLastFallback() {
        SautikitEvent e = parse("""
                {"kind":"call.started","event_id":"ev-6","data":{"session_id":"HD_0001","status":"started"}}""");
        assertEquals("HD_0001", e.callId());
        assertEquals("call.started", e.kind());
    }

    @Test
    void clientRequestIdIsFoundInDataOrAtTheTop() {
        assertEquals("pay-1-a1", parse("""
                {"kind":"call.completed","event_id":"e","data":{"call_id":"c","clientRequestId":"pay-1-a1"}}""").clientRequestId());
        assertEquals("pay-1-a2", parse("""
                {"kind":"call.completed","event_id":"e","clientRequestId":"pay-1-a2","data":{"call_id":"c"}}""").clientRequestId());
        assertEquals("pay-1-a3", parse("""
                {"kind":"call.completed","event_id":"e","data":{"call_id":"c","client_request_id":"pay-1-a3"}}""").clientRequestId());
    }

    @Test
    void fractionalDurationIsRoundedUp() {
        assertEquals(13, parse("""
                {"kind":"call.completed","event_id":"e","data":{"call_id":"c","duration_seconds":12.2}}""").durationSeconds());
    }

    @Test
    void durationAsTextIsIgnored() {
        assertNull(parse("""
                {"kind":"call.completed","event_id":"e","data":{"call_id":"c","duration_seconds":"42"}}""").durationSeconds());
    }

    @Test
    void accountEventWithoutCallData() {
        SautikitEvent e = parse("""
                {"kind":"wallet.low_balance","event_id":"ev-w","workspace_id":"w","occurred_at":"2026-03-05T11:32:27.120Z",
                 "data":{"balance_minor":5000,"currency":"KES","threshold_minor":10000}}""");
        assertAll(
                () -> assertEquals("wallet.low_balance", e.kind()),
                () -> assertEquals("ev-w", e.eventId()),
                () -> assertNull(e.callId()),
                () -> assertNull(e.status()));
    }

    @Test
    void eventWithoutDataOrWithDataOfTheWrongType() {
        assertNull(parse("{\"kind\":\"call.started\",\"event_id\":\"e\"}").callId());
        assertNull(parse("{\"kind\":\"call.started\",\"event_id\":\"e\",\"data\":\"call_id\"}").callId());
        assertNull(parse("{\"kind\":\"call.started\",\"event_id\":\"e\",\"data\":[{\"call_id\":\"c\"}]}").callId());
    }

    @Test
    void unknownFieldsAreIgnored() {
        SautikitEvent e = parse("""
                {"kind":"call.supervision.started","event_id":"ev-s","extra":{"a":[1,2,3]},"data":{"call_id":"c","new":true}}""");
        assertEquals("call.supervision.started", e.kind());
        assertEquals("c", e.callId());
    }

    // ---------------------------------------------------------------- rejected

    @Test
    void missingEventIdIsRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> parse("{\"kind\":\"call.completed\",\"data\":{\"call_id\":\"c\"}}"));
    }

    @Test
    void nullEventIdIsRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> parse("{\"kind\":\"call.completed\",\"event_id\":null,\"data\":{\"call_id\":\"c\"}}"));
    }

    @Test
    void missingEventIdInThePayloadEnvelopeIsRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> parse("{\"event_kind\":\"call.recording.ready\",\"payload\":{\"call_id\":\"c\"}}"));
    }

    @Test
    void missingKindIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> parse("{\"event_id\":\"e\",\"data\":{\"call_id\":\"c\"}}"));
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"", "null", "[]", "\"text\"", "42", "{", "{\"kind\":", "not json", "[{\"kind\":\"x\",\"event_id\":\"e\"}]"})
    void bodiesThatAreNotAnEventObjectAreRejected(String body) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse(body));
        assertEquals("event body is not a JSON object", e.getMessage());
    }

    @Test
    void deeplyNestedBodyIsRejectedAsIllegalArgument() {
        String deep = "{\"kind\":\"x\",\"event_id\":\"e\",\"data\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";
        assertThrows(IllegalArgumentException.class, () -> parse(deep));
    }
}
