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

    /**
     * The account cannot place calls: 402 {@code wallet.insufficient_funds}, or 401/403 (key revoked or invalid,
     * workspace suspended, number not owned). Nothing was dialled; dialling pauses until a probe succeeds and the
     * payments stay queued: none of this is the payment's fault.
     */
    record AccountBlocked(int status, String code) implements PlaceResult {
        String reason() {
            return status == 402 ? "Sautikit wallet is empty (402 " + code + ")"
                    : "Sautikit refuses calls from this account (" + status + " " + code + ")";
        }
    }

    /**
     * {@code idempotency.conflict}: this Idempotency-Key was used before with another body (a request re-sent by
     * another node, whose {@code voice_callback_url} differs): the call exists, but this answer does not say its id.
     */
    record KeyAlreadyUsed(String code) implements PlaceResult {
    }

    /** Sorts a 4xx answer other than 429. */
    static PlaceResult refusal(int status, String code, String message) {
        if (status == 402 || "wallet.insufficient_funds".equals(code) || "wallet_insufficient_funds".equals(code)) {
            return new AccountBlocked(402, code == null ? "wallet.insufficient_funds" : code);
        }
        if (status == 401 || status == 403 || "account.suspended".equals(code)) {
            return new AccountBlocked(status, code == null ? "http_" + status : code);
        }
        if ("idempotency.conflict".equals(code)) {
            return new KeyAlreadyUsed(code);
        }
        return new Refused(status, code == null ? "http_" + status : code, message);
    }

    /** Any other 4xx: this attempt can never succeed as sent. */
    record Refused(int status, String code, String message) implements PlaceResult {
    }
}
