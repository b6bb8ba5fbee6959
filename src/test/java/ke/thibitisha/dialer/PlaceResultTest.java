package ke.thibitisha.dialer;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 15 defect 6: account-level refusals pause dialling like an empty wallet instead of failing every payment;
 * and {@code idempotency.conflict} means the call exists (a re-sent request after a takeover), not a failure.
 */
class PlaceResultTest {

    @Test
    void anEmptyWalletBlocksTheAccount() {
        PlaceResult.AccountBlocked blocked = assertInstanceOf(PlaceResult.AccountBlocked.class,
                PlaceResult.refusal(402, "wallet.insufficient_funds", "top up"));
        assertTrue(blocked.reason().contains("wallet"), blocked.reason());
        assertInstanceOf(PlaceResult.AccountBlocked.class, PlaceResult.refusal(400, "wallet_insufficient_funds", null));
    }

    @Test
    void aRevokedKeyASuspendedAccountOrANumberNotOwnedBlockTheAccount() {
        for (String[] answer : new String[][]{{"401", "api_key.revoked"}, {"401", "api_key.invalid"},
                {"403", "account.suspended"}, {"403", "numbers.not_owned"}, {"403", null}}) {
            PlaceResult result = PlaceResult.refusal(Integer.parseInt(answer[0]), answer[1], "no");
            PlaceResult.AccountBlocked blocked = assertInstanceOf(PlaceResult.AccountBlocked.class, result, answer[0] + " " + answer[1]);
            assertTrue(blocked.reason().contains(answer[0]), blocked.reason());
        }
    }

    @Test
    void anIdempotencyConflictMeansTheCallExists() {
        assertInstanceOf(PlaceResult.KeyAlreadyUsed.class, PlaceResult.refusal(409, "idempotency.conflict", "same key, other body"));
    }

    @Test
    void anyOther4xxRefusesThisAttempt() {
        PlaceResult.Refused refused = assertInstanceOf(PlaceResult.Refused.class, PlaceResult.refusal(400, "validation", "bad to"));
        assertEquals("validation", refused.code());
        assertEquals("http_422", ((PlaceResult.Refused) PlaceResult.refusal(422, null, null)).code());
        assertInstanceOf(PlaceResult.Refused.class, PlaceResult.refusal(409, "calls.supervision_in_progress", null));
    }
}
