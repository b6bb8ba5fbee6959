package ke.thibitisha.sim.sautikit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The Idempotency-Key cache (sautikit-api.md §4): per key, the SHA-256 of the body and the stored response, kept for
 * a window on an injectable clock. A request with a key still being processed waits for that outcome, so
 * concurrent same-key requests create one call. Only successful responses are kept (GAP): a 402, 429 or 5xx can
 * be retried with the same key once the cause is gone.
 */
final class IdempotencyStore {

    private static final Duration WAIT_FOR_FIRST = Duration.ofSeconds(30);

    private record Entry(String bodyHash, Instant createdAt, CompletableFuture<ApiResponse> outcome) {
    }

    private final ConcurrentMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration window;

    IdempotencyStore(Clock clock, Duration window) {
        this.clock = clock;
        this.window = window;
    }

    /** Runs {@code action} once per key and body; replays carry {@code Idempotent-Replay: true}. */
    ApiResponse execute(String key, String bodyHash, Supplier<ApiResponse> action) {
        while (true) {
            Entry mine = new Entry(bodyHash, clock.instant(), new CompletableFuture<>());
            Entry existing = entries.putIfAbsent(key, mine);
            if (existing != null && isExpired(existing)) {
                entries.remove(key, existing);
                continue;
            }
            if (existing == null) {
                return runFirst(key, mine, action);
            }
            if (!existing.bodyHash().equals(bodyHash)) {
                return ApiResponse.error(409, "idempotency.conflict",
                        "Idempotency-Key " + key + " was already used with a different request body");
            }
            ApiResponse stored = await(existing);
            if (stored != null) {
                return stored.withHeader("Idempotent-Replay", "true");
            }
            // the first request was not successful and is not cached: process this one afresh
        }
    }

    private ApiResponse runFirst(String key, Entry mine, Supplier<ApiResponse> action) {
        try {
            ApiResponse response = action.get();
            if (response.isSuccess()) {
                mine.outcome().complete(response);
            } else {
                entries.remove(key, mine);
                mine.outcome().complete(null);
            }
            return response;
        } catch (RuntimeException e) {
            entries.remove(key, mine);
            mine.outcome().complete(null);
            throw e;
        }
    }

    private static ApiResponse await(Entry entry) {
        try {
            return entry.outcome().get(WAIT_FOR_FIRST.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiError(500, "internal_error", "interrupted while waiting for a concurrent request");
        } catch (ExecutionException | TimeoutException e) {
            throw new ApiError(500, "internal_error", "a concurrent request with the same Idempotency-Key failed");
        }
    }

    private boolean isExpired(Entry entry) {
        return entry.outcome().isDone() && entry.createdAt().plus(window).isBefore(clock.instant());
    }

    void clear() {
        entries.clear();
    }
}
