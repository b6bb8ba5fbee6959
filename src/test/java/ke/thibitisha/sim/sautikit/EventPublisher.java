package ke.thibitisha.sim.sautikit;

import jakarta.json.JsonObject;
import ke.thibitisha.sim.SimJson;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Delivers {@code call.*} events to the configured events URL (sautikit-api.md §10–§11): signed envelopes,
 * at-least-once with up to 8 attempts on the documented schedule compressed by a factor, then dead letter.
 * Switches make delivery hostile: drop everything, deliver each event twice, deliver a call's events in reverse
 * order, sign with a stale timestamp or with a wrong secret, or use signature scheme B.
 */
public final class EventPublisher {

    /** Nominal wait before attempts #1..#8 (retry blog); multiplied by the retry scale. */
    static final List<Duration> NOMINAL_SCHEDULE = List.of(Duration.ZERO, Duration.ofSeconds(30),
            Duration.ofMinutes(2), Duration.ofMinutes(10), Duration.ofMinutes(30), Duration.ofHours(2),
            Duration.ofHours(6), Duration.ofHours(24));
    static final Duration ACK_TIMEOUT = Duration.ofSeconds(10);
    static final long STALE_BY_SECONDS = 3600;

    /** One delivery attempt; {@code status} is an HTTP status, {@link #DROPPED} or {@link #CONNECTION_FAILED}. */
    public record Attempt(String eventId, String kind, String callId, String deliveryId, int attempt, int status,
                          boolean deadLettered, String body, Map<String, String> headers, Instant at) {
        public static final int DROPPED = 0;
        public static final int CONNECTION_FAILED = -1;

        public boolean delivered() {
            return status / 100 == 2;
        }
    }

    private record Event(SimCall call, String eventId, String kind, String body) {
    }

    private final HttpClient http;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final String workspaceId;
    private final double defaultRetryScale;
    private volatile double retryScale;
    private final SignatureScheme defaultScheme;
    private final String eventsUrl;
    private final String secret;

    private volatile boolean dropAll;
    private volatile boolean duplicateEach;
    private volatile boolean outOfOrder;
    private volatile boolean staleTimestamps;
    private volatile boolean wrongSecret;
    private volatile SignatureScheme scheme;

    private final List<Attempt> attempts = new CopyOnWriteArrayList<>();
    private final Map<String, List<Event>> heldForReordering = new HashMap<>();
    private final Map<String, CompletableFuture<Void>> deliveryOrder = new HashMap<>();

    EventPublisher(HttpClient http, ScheduledExecutorService scheduler, Clock clock, String workspaceId,
                   String eventsUrl, String secret, SignatureScheme scheme, double retryScale) {
        this.http = http;
        this.scheduler = scheduler;
        this.clock = clock;
        this.workspaceId = workspaceId;
        this.eventsUrl = eventsUrl;
        this.secret = secret;
        this.defaultScheme = scheme;
        this.scheme = scheme;
        this.defaultRetryScale = retryScale;
        this.retryScale = retryScale;
    }

    /** Record events on the calls but send nothing (they count as settled). */
    public EventPublisher dropAll(boolean on) {
        dropAll = on;
        return this;
    }

    /** Deliver every event twice: same body and event_id, separate delivery ids. */
    public EventPublisher duplicateEach(boolean on) {
        duplicateEach = on;
        return this;
    }

    /** Hold a call's events until its final one, then deliver them newest first (completed before answered). */
    public EventPublisher outOfOrder(boolean on) {
        outOfOrder = on;
        return this;
    }

    /** Sign with {@code t} one hour in the past (scheme A). */
    public EventPublisher staleTimestamps(boolean on) {
        staleTimestamps = on;
        return this;
    }

    /** Sign with a secret the app does not know. */
    public EventPublisher wrongSecret(boolean on) {
        wrongSecret = on;
        return this;
    }

    public EventPublisher scheme(SignatureScheme scheme) {
        this.scheme = scheme;
        return this;
    }

    /**
     * Factor on the documented retry schedule for attempts scheduled from now on; e.g. 1e-5 lets eight refused
     * attempts (an app rejecting a wrong signature) reach dead letter in about a second.
     */
    public EventPublisher retryScale(double factor) {
        this.retryScale = factor;
        return this;
    }

    public SignatureScheme scheme() {
        return scheme;
    }

    String secret() {
        return secret;
    }

    /** Every attempt so far, dropped events included, in the order they finished. */
    public List<Attempt> attempts() {
        return List.copyOf(attempts);
    }

    /** Attempts the receiver acknowledged with a 2xx. */
    public List<Attempt> delivered() {
        return attempts.stream().filter(Attempt::delivered).toList();
    }

    /** Attempts of one event, by event_id. */
    public List<Attempt> attemptsOf(String eventId) {
        return attempts.stream().filter(a -> a.eventId().equals(eventId)).toList();
    }

    public List<Attempt> deadLettered() {
        return attempts.stream().filter(Attempt::deadLettered).toList();
    }

    /** Clears the log, turns every switch off, and restores the configured scheme and retry scale. */
    void reset() {
        dropAll = false;
        duplicateEach = false;
        outOfOrder = false;
        staleTimestamps = false;
        wrongSecret = false;
        scheme = defaultScheme;
        retryScale = defaultRetryScale;
        synchronized (heldForReordering) {
            heldForReordering.clear();
        }
        synchronized (deliveryOrder) {
            deliveryOrder.clear();
        }
        attempts.clear();
    }

    /** Records the event on the call and sends it; {@code last} marks the call's final (terminal) event. */
    void publish(SimCall call, String kind, JsonObject data, boolean last) {
        Instant now = clock.instant();
        String eventId = Ids.eventId(now);
        call.recordEvent(new SimCall.CallEvent(eventId, kind, data, now));
        String body = SimJson.object()
                .add("kind", kind)
                .add("event_id", eventId)
                .add("workspace_id", workspaceId)
                .add("occurred_at", Ids.rfc3339(now))
                .add("data", data)
                .build().toString();
        Event event = new Event(call, eventId, kind, body);
        if (outOfOrder) {
            List<Event> ready;
            synchronized (heldForReordering) {
                heldForReordering.computeIfAbsent(call.callId(), id -> new ArrayList<>()).add(event);
                if (!last) {
                    return;
                }
                ready = heldForReordering.remove(call.callId());
            }
            Collections.reverse(ready);
            for (int i = 0; i < ready.size(); i++) {
                dispatch(ready.get(i), i == ready.size() - 1);
            }
        } else {
            dispatch(event, last);
        }
        if (last) {
            call.markFinalEventQueued();
        }
    }

    /**
     * Sends the event once the previous event of the same call had its first attempt, so a call's events arrive in
     * the order they were dispatched (retries and duplicates may still overtake).
     */
    private void dispatch(Event event, boolean last) {
        if (dropAll || eventsUrl == null) {
            attempts.add(new Attempt(event.eventId(), event.kind(), event.call().callId(), null, 0,
                    Attempt.DROPPED, false, event.body(), Map.of(), clock.instant()));
            return;
        }
        int copies = duplicateEach ? 2 : 1;
        for (int i = 0; i < copies; i++) {
            event.call().deliveryStarted();
        }
        CompletableFuture<Void> firstAttemptDone = new CompletableFuture<>();
        CompletableFuture<Void> previous;
        synchronized (deliveryOrder) {
            previous = deliveryOrder.getOrDefault(event.call().callId(), CompletableFuture.completedFuture(null));
            deliveryOrder.put(event.call().callId(), firstAttemptDone);
        }
        if (last) {
            firstAttemptDone.thenRun(() -> {
                synchronized (deliveryOrder) {
                    deliveryOrder.remove(event.call().callId(), firstAttemptDone);
                }
            });
        }
        previous.thenRun(() -> {
            for (int i = 0; i < copies; i++) {
                String deliveryId = UUID.randomUUID().toString();
                Runnable afterFirstAttempt = i == 0 ? () -> firstAttemptDone.complete(null) : () -> { };
                scheduler.execute(() -> attempt(event, URI.create(eventsUrl), deliveryId, 1, afterFirstAttempt));
            }
        });
    }

    private void attempt(Event event, URI url, String deliveryId, int number, Runnable afterFirstAttempt) {
        if (event.call().isAbandoned()) {
            event.call().deliverySettled();
            afterFirstAttempt.run();
            return;
        }
        Map<String, String> headers = headers(event, deliveryId);
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(ACK_TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofString(event.body()));
        headers.forEach(request::header);
        http.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding())
                .whenComplete((response, failure) -> {
                    int status = failure != null ? Attempt.CONNECTION_FAILED : response.statusCode();
                    boolean delivered = status / 100 == 2;
                    boolean deadLetter = !delivered && number >= NOMINAL_SCHEDULE.size();
                    if (!event.call().isAbandoned()) {
                        attempts.add(new Attempt(event.eventId(), event.kind(), event.call().callId(), deliveryId,
                                number, status, deadLetter, event.body(), headers, clock.instant()));
                    }
                    if (delivered || deadLetter || event.call().isAbandoned()) {
                        event.call().deliverySettled();
                    } else {
                        scheduler.schedule(() -> attempt(event, url, deliveryId, number + 1, () -> { }),
                                scaledWaitBefore(number + 1), TimeUnit.MICROSECONDS);
                    }
                    afterFirstAttempt.run();
                });
    }

    private long scaledWaitBefore(int attemptNumber) {
        return Math.round(NOMINAL_SCHEDULE.get(attemptNumber - 1).toNanos() / 1000.0 * retryScale);
    }

    private Map<String, String> headers(Event event, String deliveryId) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("X-Sautikit-Event", event.kind());
        headers.put("X-Sautikit-Event-Id", event.eventId());
        headers.put("X-Sautikit-Idempotency-Key", deliveryId);
        if (secret != null) {
            long t = clock.instant().getEpochSecond() - (staleTimestamps ? STALE_BY_SECONDS : 0);
            String signingKey = wrongSecret ? secret + "_not_the_real_one" : secret;
            headers.put("X-Sautikit-Signature", Signatures.sign(scheme, signingKey, event.body(), t));
        }
        return Collections.unmodifiableMap(headers);
    }
}
