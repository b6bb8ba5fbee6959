package ke.thibitisha.sim.sautikit;

import jakarta.json.JsonObjectBuilder;
import ke.thibitisha.sim.SimJson;

import java.time.Clock;
import java.util.Set;
import java.util.UUID;

/**
 * Turns a POST /v1/calls body into a call: validation, then the wallet (402 before anything dials), then the
 * concurrency limit (429), then the call record and its 201. Codes for the undocumented cases are our choices:
 * 402 {@code wallet.insufficient_funds} (documented), 429 {@code calls.concurrency_limit} with Retry-After.
 */
final class CallFactory {

    static final String RETRY_AFTER_SECONDS = "1";

    /** The answer, and the call (null unless created) to start once the answer is on its way. */
    record Created(ApiResponse response, SimCall call) {
    }

    private final Set<String> ownedNumbers;
    private final boolean strictTo;
    private final String defaultCallbackUrl;
    private final long ratePerMinuteMinor;
    private final Clock clock;
    private final Wallet wallet;
    private final CallLimiter limiter;
    private final CallRegistry registry;
    private final ScriptBook scripts;

    CallFactory(Set<String> ownedNumbers, boolean strictTo, String defaultCallbackUrl, long ratePerMinuteMinor,
                Clock clock, Wallet wallet, CallLimiter limiter, CallRegistry registry, ScriptBook scripts) {
        this.ownedNumbers = ownedNumbers;
        this.strictTo = strictTo;
        this.defaultCallbackUrl = defaultCallbackUrl;
        this.ratePerMinuteMinor = ratePerMinuteMinor;
        this.clock = clock;
        this.wallet = wallet;
        this.limiter = limiter;
        this.registry = registry;
        this.scripts = scripts;
    }

    /** @throws ApiError for validation failures */
    Created create(String body, String idempotencyKey) {
        CreateCallRequest request = CreateCallRequest.parse(body, ownedNumbers, strictTo);
        if (wallet.isEmpty()) {
            return new Created(ApiResponse.error(402, "wallet.insufficient_funds",
                    "the wallet balance is too low to place a call; top up first"), null);
        }
        if (!limiter.tryAcquire()) {
            return new Created(ApiResponse.error(429, "calls.concurrency_limit",
                            "at most " + limiter.limit() + " calls may be active at once")
                    .withHeader("Retry-After", RETRY_AFTER_SECONDS), null);
        }
        String callbackUrl = request.voiceCallbackUrl() != null ? request.voiceCallbackUrl() : defaultCallbackUrl;
        SimCall call = new SimCall(request, callbackUrl, UUID.randomUUID().toString(), Ids.sessionId(),
                Ids.numberId(request.from()), idempotencyKey, scripts.forNumber(request.to()), ratePerMinuteMinor,
                clock.instant());
        registry.add(call);
        JsonObjectBuilder answer = SimJson.object()
                .add("call_id", call.callId())
                .add("session_id", call.sessionId())
                .add("status", "ringing");
        if (request.clientRequestId() != null) {
            answer.add("client_request_id", request.clientRequestId());
        }
        return new Created(ApiResponse.json(201, answer.build().toString()), call);
    }
}
