package ke.thibitisha.sim.sautikit;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bearer keys the fake accepts. Statuses are undocumented (GAP); our choice is 401 for every key problem:
 * {@code api_key.invalid} (missing, malformed or unknown) and {@code api_key.revoked}.
 */
final class ApiKeys {

    private static final String BEARER = "Bearer ";

    private final Set<String> accepted = ConcurrentHashMap.newKeySet();
    private final Set<String> revoked = ConcurrentHashMap.newKeySet();
    private final Set<String> initial;

    ApiKeys(Collection<String> keys) {
        this.initial = Set.copyOf(keys);
        accepted.addAll(keys);
    }

    void accept(String key) {
        accepted.add(key);
        revoked.remove(key);
    }

    void revoke(String key) {
        accepted.remove(key);
        revoked.add(key);
    }

    /** @throws ApiError 401 unless the header is {@code Bearer <accepted key>} */
    void check(String authorization) {
        // the auth scheme name is case-insensitive (RFC 9110)
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw new ApiError(401, "api_key.invalid", "missing Authorization: Bearer <api key>");
        }
        String key = authorization.substring(BEARER.length()).trim();
        if (revoked.contains(key)) {
            throw new ApiError(401, "api_key.revoked", "the API key was revoked");
        }
        if (!accepted.contains(key)) {
            throw new ApiError(401, "api_key.invalid", "the API key is not valid");
        }
    }

    void reset() {
        accepted.clear();
        revoked.clear();
        accepted.addAll(initial);
    }
}
