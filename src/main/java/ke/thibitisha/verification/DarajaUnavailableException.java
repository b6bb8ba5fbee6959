package ke.thibitisha.verification;

/** Daraja gave no usable answer (OAuth failed, time-out, connection refused): the query is retried later. */
class DarajaUnavailableException extends Exception {

    private final String code;

    DarajaUnavailableException(String code, String message) {
        super(message);
        this.code = code;
    }

    String code() {
        return code;
    }
}
