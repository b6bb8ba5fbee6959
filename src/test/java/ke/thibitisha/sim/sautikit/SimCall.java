package ke.thibitisha.sim.sautikit;

import jakarta.json.JsonObject;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One call the simulator created (replays create none): its identity as sent, its state as it runs, and everything
 * the app did with it. State changes are synchronized; the logs are copy-on-write so tests can read them any time.
 */
public final class SimCall {

    private static final Set<String> TERMINAL = Set.of("completed", "failed", "no_answer", "busy", "canceled");

    private final String callId;
    private final String sessionId;
    private final String from;
    private final String to;
    private final String numberId;
    private final String idempotencyKey;
    private final String clientRequestId;
    private final boolean clientRequestIdForwarded;
    private final String voiceCallbackUrl;
    private final String callerId;
    private final CallScript script;
    private final long ratePerMinuteMinor;
    private final Instant createdAt;

    private String status = "ringing";
    private Instant updatedAt;
    private Instant answeredAt;
    private Instant endedAt;
    private long durationSeconds;
    private long costMinor;
    private String failureReason;
    private int nextDigitsIndex;
    private boolean abandoned;

    private final List<JsonObject> documents = new CopyOnWriteArrayList<>();
    private final List<String> replies = new CopyOnWriteArrayList<>();
    private final List<String> digitsSent = new CopyOnWriteArrayList<>();
    private final List<String> dialed = new CopyOnWriteArrayList<>();
    private final List<CallEvent> events = new CopyOnWriteArrayList<>();

    // settled = the final event was handed to the publisher and no delivery of this call's events is pending
    private final AtomicInteger pendingDeliveries = new AtomicInteger();
    private volatile boolean finalEventQueued;

    /** An event as kept on the call record and shown in {@code events[]} of GET /v1/calls/{id}. */
    public record CallEvent(String id, String kind, JsonObject payload, Instant occurredAt) {
    }

    SimCall(CreateCallRequest request, String voiceCallbackUrl, String callId, String sessionId, String numberId, String idempotencyKey,
            CallScript script, long ratePerMinuteMinor, Instant createdAt) {
        this.callId = callId;
        this.sessionId = sessionId;
        this.from = request.from();
        this.to = request.to();
        this.numberId = numberId;
        this.idempotencyKey = idempotencyKey;
        this.clientRequestId = request.clientRequestId();
        this.clientRequestIdForwarded = request.clientRequestIdForwarded();
        this.voiceCallbackUrl = voiceCallbackUrl;
        this.callerId = request.callerId();
        this.script = script;
        this.ratePerMinuteMinor = ratePerMinuteMinor;
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
    }

    public String callId() {
        return callId;
    }

    public String sessionId() {
        return sessionId;
    }

    public String from() {
        return from;
    }

    public String to() {
        return to;
    }

    public String numberId() {
        return numberId;
    }

    /** The Idempotency-Key header of the request that created the call; null when none was sent. */
    public String idempotencyKey() {
        return idempotencyKey;
    }

    /** The label as sent ({@code client_request_id} or {@code clientRequestId}); null when none was sent. */
    public String clientRequestId() {
        return clientRequestId;
    }

    /** False when the label contains characters the PBX drops, so callbacks and events go without it. */
    public boolean clientRequestIdForwarded() {
        return clientRequestId != null && clientRequestIdForwarded;
    }

    /** The URL the voice callback goes to: the request's, else the number's configured one; may be null. */
    public String voiceCallbackUrl() {
        return voiceCallbackUrl;
    }

    public String callerId() {
        return callerId;
    }

    public CallScript script() {
        return script;
    }

    public long ratePerMinuteMinor() {
        return ratePerMinuteMinor;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public synchronized String status() {
        return status;
    }

    public synchronized boolean isTerminal() {
        return TERMINAL.contains(status);
    }

    public synchronized Instant updatedAt() {
        return updatedAt;
    }

    public synchronized Instant answeredAt() {
        return answeredAt;
    }

    public synchronized Instant endedAt() {
        return endedAt;
    }

    public synchronized long durationSeconds() {
        return durationSeconds;
    }

    public synchronized long costMinor() {
        return costMinor;
    }

    /** busy, no_answer, network_error or canceled for a failed call; null otherwise. */
    public synchronized String failureReason() {
        return failureReason;
    }

    /** Every JSON document the app's voice callback answered, in order (valid or not). */
    public List<JsonObject> documents() {
        return List.copyOf(documents);
    }

    /** Every raw body the app's voice callback answered, JSON or XML, in order. */
    public List<String> replies() {
        return List.copyOf(replies);
    }

    /** The {@code Digits} values posted back to the app. */
    public List<String> digitsSent() {
        return List.copyOf(digitsSent);
    }

    /** Numbers (or SIP URIs) from dial actions the app returned. */
    public List<String> dialed() {
        return List.copyOf(dialed);
    }

    /** The call's events, oldest first, as on the record (independent of webhook delivery). */
    public List<CallEvent> events() {
        return List.copyOf(events);
    }

    /** Terminal, and its final event was delivered, dropped or dead-lettered (duplicates and retries included). */
    public boolean isSettled() {
        return isTerminal() && finalEventQueued && pendingDeliveries.get() == 0;
    }

    synchronized boolean answer(Instant at) {
        if (!status.equals("ringing") || abandoned) {
            return false;
        }
        status = "answered";
        answeredAt = at;
        updatedAt = at;
        return true;
    }

    /** Ends an unanswered call with one of the failure statuses. False when the call had already moved on. */
    synchronized boolean fail(CallScript.Outcome outcome, Instant at) {
        if (!status.equals("ringing") || abandoned) {
            return false;
        }
        status = outcome.status();
        failureReason = outcome.failureReason();
        endedAt = at;
        updatedAt = at;
        return true;
    }

    /** Ends an answered call and prices it. False when the call had already ended. */
    synchronized boolean complete(Instant at, Billing billing) {
        if (!status.equals("answered") || abandoned) {
            return false;
        }
        status = "completed";
        endedAt = at;
        updatedAt = at;
        long millis = Math.max(0, Duration.between(answeredAt, at).toMillis());
        durationSeconds = (millis + 999) / 1000;
        costMinor = billing.costMinor(durationSeconds, ratePerMinuteMinor);
        return true;
    }

    /** Stops the call's simulation without an outcome (reset). True when it was still in flight. */
    synchronized boolean abandon() {
        boolean wasInFlight = !isTerminal() && !abandoned;
        abandoned = true;
        return wasInFlight;
    }

    synchronized boolean isAbandoned() {
        return abandoned;
    }

    /** The next scripted key sequence for a getDigits; "" when the callee presses nothing. */
    synchronized String nextDigits() {
        List<String> keys = script.digits();
        return nextDigitsIndex < keys.size() ? keys.get(nextDigitsIndex++) : "";
    }

    void recordDocument(JsonObject document) {
        documents.add(document);
    }

    void recordReply(String body) {
        replies.add(body);
    }

    void recordDigitsSent(String digits) {
        digitsSent.add(digits);
    }

    void recordDialed(String target) {
        dialed.add(target);
    }

    void recordEvent(CallEvent event) {
        events.add(event);
    }

    void deliveryStarted() {
        pendingDeliveries.incrementAndGet();
    }

    void deliverySettled() {
        pendingDeliveries.decrementAndGet();
    }

    void markFinalEventQueued() {
        finalEventQueued = true;
    }
}
