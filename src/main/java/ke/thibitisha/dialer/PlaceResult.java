package ke.thibitisha.dialer;

/** What Sautikit said to {@code POST /v1/calls}, once transient failures are out of the way. */
public sealed interface PlaceResult {

    /** 201/202: the call exists. */
    record Placed(String callId, String sessionId, boolean replay) implements PlaceResult {
        /** The id to poll and hang up with: the call id, else the session id. */
        String id() {
            return callId != null ? callId : sessionId;
        }
    }

    /** 402 {@code wallet.insufficient_funds}: nothing was dialled; dialling pauses until a probe succeeds. */
    record WalletEmpty(String code) implements PlaceResult {
    }

    /** Any other 4xx: this attempt can never succeed as sent. */
    record Refused(int status, String code, String message) implements PlaceResult {
    }
}
