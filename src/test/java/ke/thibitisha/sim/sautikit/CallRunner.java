package ke.thibitisha.sim.sautikit;

import jakarta.json.JsonObjectBuilder;
import ke.thibitisha.sim.SimJson;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Drives each call through its life on the scheduler: call.started, ringing for the scripted time, then either the
 * scripted failure (record status busy/no_answer/failed/canceled; event call.failed with status "failed" and a
 * failure_reason — the documented conflict) or the answer, the voice dialogue, and completion at
 * max(answer + talk time, end of dialogue) with duration, cost, wallet debit and call.completed.
 * Each terminal transition happens once and frees the call's slot.
 */
final class CallRunner {

    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final EventPublisher events;
    private final VoiceCallbackClient voice;
    private final Wallet wallet;
    private final CallLimiter limiter;
    private final Billing billing;
    private final Consumer<String> violations;
    private volatile Duration actionDuration;
    private volatile NoInput noInput;

    CallRunner(ScheduledExecutorService scheduler, Clock clock, EventPublisher events, VoiceCallbackClient voice,
               Wallet wallet, CallLimiter limiter, Billing billing, Consumer<String> violations,
               Duration actionDuration, NoInput noInput) {
        this.scheduler = scheduler;
        this.clock = clock;
        this.events = events;
        this.voice = voice;
        this.wallet = wallet;
        this.limiter = limiter;
        this.billing = billing;
        this.violations = violations;
        this.actionDuration = actionDuration;
        this.noInput = noInput;
    }

    void actionDuration(Duration duration) {
        this.actionDuration = duration;
    }

    void noInput(NoInput noInput) {
        this.noInput = noInput;
    }

    /** Starts the call's life; called once the 201 has been sent. */
    void begin(SimCall call) {
        events.publish(call, "call.started", data(call, "started").build(), false);
        scheduler.schedule(() -> ringingEnds(call), call.script().ringMs(), TimeUnit.MILLISECONDS);
    }

    /** POST /v1/calls/{id}/hangup: cancels a ringing call, completes an answered one, ignores an ended one. */
    void hangup(SimCall call) {
        if (!fail(call, CallScript.Outcome.CANCELED)) {
            complete(call);
        }
    }

    private void ringingEnds(SimCall call) {
        CallScript.Outcome outcome = call.script().outcome();
        if (outcome != CallScript.Outcome.ANSWER) {
            fail(call, outcome);
            return;
        }
        Instant now = clock.instant();
        long answeredNanos = System.nanoTime();
        if (!call.answer(now)) {
            return;
        }
        events.publish(call, "call.answered",
                data(call, "answered").add("answered_at", Ids.rfc3339(now)).build(), false);
        new CallDialogue(call, voice, scheduler, actionDuration, noInput, violations,
                () -> dialogueEnded(call, answeredNanos)).start();
    }

    private void dialogueEnded(SimCall call, long answeredNanos) {
        long talkEndsInNanos = answeredNanos + TimeUnit.MILLISECONDS.toNanos(call.script().talkMs()) - System.nanoTime();
        scheduler.schedule(() -> complete(call), Math.max(0, talkEndsInNanos), TimeUnit.NANOSECONDS);
    }

    private boolean fail(SimCall call, CallScript.Outcome outcome) {
        if (!call.fail(outcome, clock.instant())) {
            return false;
        }
        limiter.release();
        events.publish(call, "call.failed", data(call, "failed")
                .add("failure_reason", outcome.failureReason())
                .add("ended_at", Ids.rfc3339(call.endedAt()))
                .add("pbx_call_id", call.sessionId())
                .build(), true);
        return true;
    }

    private void complete(SimCall call) {
        if (!call.complete(clock.instant(), billing)) {
            return;
        }
        wallet.debit(call.costMinor());
        limiter.release();
        events.publish(call, "call.completed", data(call, "completed")
                .add("duration_seconds", call.durationSeconds())
                .add("answered_at", Ids.rfc3339(call.answeredAt()))
                .add("ended_at", Ids.rfc3339(call.endedAt()))
                .add("hangup_cause", "normal_clearing")
                .add("pbx_call_id", call.sessionId())
                .build(), true);
    }

    private static JsonObjectBuilder data(SimCall call, String status) {
        JsonObjectBuilder data = SimJson.object()
                .add("call_id", call.callId())
                .add("direction", "outbound")
                .add("from", call.from())
                .add("to", call.to())
                .add("number_id", call.numberId())
                .add("status", status);
        if (call.clientRequestIdForwarded()) {
            data.add("clientRequestId", call.clientRequestId());
        }
        return data;
    }
}
