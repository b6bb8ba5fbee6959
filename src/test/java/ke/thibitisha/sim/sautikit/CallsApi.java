package ke.thibitisha.sim.sautikit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import ke.thibitisha.sim.SimHttp;
import ke.thibitisha.sim.SimJson;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The public /v1 surface: POST /v1/calls (and the /v1/calls/originate alias), GET /v1/calls/{id} by call_id or
 * session_id, POST /v1/calls/{id}/hangup, GET /v1/wallet/balance. Every request passes the fault injector and the
 * bearer check; every create request is logged with the status it got. Errors always use the envelope.
 */
final class CallsApi implements HttpHandler {

    private static final Pattern CALL = Pattern.compile("/v1/calls/([^/]+)");
    private static final Pattern HANGUP = Pattern.compile("/v1/calls/([^/]+)/hangup");

    private final ApiKeys keys;
    private final AtomicBoolean suspended;
    private final FaultInjector faults;
    private final IdempotencyStore idempotency;
    private final CallFactory factory;
    private final CallRunner runner;
    private final CallRegistry registry;
    private final Wallet wallet;
    private final String workspaceId;
    private final Clock clock;
    private final List<RecordedRequest> createRequests;

    CallsApi(ApiKeys keys, AtomicBoolean suspended, FaultInjector faults, IdempotencyStore idempotency,
             CallFactory factory, CallRunner runner, CallRegistry registry, Wallet wallet, String workspaceId,
             Clock clock, List<RecordedRequest> createRequests) {
        this.keys = keys;
        this.suspended = suspended;
        this.faults = faults;
        this.idempotency = idempotency;
        this.factory = factory;
        this.runner = runner;
        this.registry = registry;
        this.wallet = wallet;
        this.workspaceId = workspaceId;
        this.clock = clock;
        this.createRequests = createRequests;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        Instant receivedAt = clock.instant();
        String body = SimHttp.readBody(exchange);
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        boolean isCreate = method.equals("POST") && (path.equals("/v1/calls") || path.equals("/v1/calls/originate"));
        AtomicReference<SimCall> created = new AtomicReference<>();

        FaultInjector.Fault fault = faults.next();
        ApiResponse response;
        if (fault.kind() == FaultInjector.Kind.FAIL) {
            response = ApiResponse.error(fault.status(), "internal_error", "simulated failure");
        } else {
            response = answer(exchange, method, path, body, created);
        }
        faults.pause();
        boolean dropped = fault.kind() == FaultInjector.Kind.DROP;
        if (isCreate) {
            createRequests.add(new RecordedRequest(method, path, exchange.getRequestURI().getRawQuery(),
                    exchange.getRequestHeaders(), body, dropped ? RecordedRequest.DROPPED : response.status(),
                    dropped ? null : response.body(), response.headers().containsKey("Idempotent-Replay"),
                    receivedAt));
        }
        try {
            if (dropped) {
                exchange.close(); // no status line: the client sees the connection end
            } else {
                SimHttp.respond(exchange, response.status(), "application/json", response.body(), response.headers());
            }
        } finally {
            SimCall call = created.get();
            if (call != null) {
                runner.begin(call);
            }
        }
    }

    private ApiResponse answer(HttpExchange exchange, String method, String path, String body,
                               AtomicReference<SimCall> created) {
        try {
            keys.check(exchange.getRequestHeaders().getFirst("Authorization"));
            if (method.equals("POST") && suspended.get()) {
                throw new ApiError(403, "account.suspended", "the workspace is suspended; writes are refused");
            }
            return route(exchange, method, path, body, created);
        } catch (ApiError e) {
            return e.toResponse();
        } catch (RuntimeException e) {
            return ApiResponse.error(500, "internal_error", "simulator error: " + e);
        }
    }

    private ApiResponse route(HttpExchange exchange, String method, String path, String body,
                              AtomicReference<SimCall> created) {
        if (method.equals("POST") && (path.equals("/v1/calls") || path.equals("/v1/calls/originate"))) {
            return create(exchange.getRequestHeaders().getFirst("Idempotency-Key"), body, created);
        }
        if (method.equals("GET") && path.equals("/v1/wallet/balance")) {
            return ApiResponse.json(200, SimJson.object()
                    .add("workspace_id", workspaceId)
                    .add("balance_minor", wallet.balanceMinor())
                    .add("currency", "KES")
                    .add("low_balance_threshold_minor", 0)
                    .build().toString());
        }
        Matcher hangup = HANGUP.matcher(path);
        if (method.equals("POST") && hangup.matches()) {
            SimCall call = find(hangup.group(1));
            runner.hangup(call);
            return ApiResponse.json(200, SimJson.object()
                    .add("call_id", call.callId()).add("status", "hung_up").build().toString());
        }
        Matcher get = CALL.matcher(path);
        if (method.equals("GET") && get.matches()) {
            SimCall call = find(get.group(1));
            return ApiResponse.json(200, SimJson.object()
                    .add("call", CallJson.of(call, workspaceId)).build().toString());
        }
        throw new ApiError(404, "route.not_found", "no such endpoint: " + method + " " + path);
    }

    private ApiResponse create(String idempotencyKey, String body, AtomicReference<SimCall> created) {
        if (idempotencyKey == null) {
            return createOnce(body, null, created);
        }
        return idempotency.execute(idempotencyKey, Ids.sha256Hex(body), () -> createOnce(body, idempotencyKey, created));
    }

    private ApiResponse createOnce(String body, String idempotencyKey, AtomicReference<SimCall> created) {
        CallFactory.Created outcome = factory.create(body, idempotencyKey);
        created.set(outcome.call());
        return outcome.response();
    }

    private SimCall find(String id) {
        return registry.find(id).orElseThrow(() -> new ApiError(404, "calls.not_found", "no call with id " + id));
    }
}
