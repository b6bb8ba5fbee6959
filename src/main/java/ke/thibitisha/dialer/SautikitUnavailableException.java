package ke.thibitisha.dialer;

/** Sautikit did not give a usable answer (5xx, 429, timeout, connection error): worth trying again, same key. */
public class SautikitUnavailableException extends RuntimeException {

    private final boolean mayHaveCreatedCall;

    public SautikitUnavailableException(String message, boolean mayHaveCreatedCall) {
        super(message);
        this.mayHaveCreatedCall = mayHaveCreatedCall;
    }

    /**
     * False only when the request surely created nothing: no connection was made, or Sautikit answered 429/503
     * (turned away before any work). A timeout or another 5xx may have created the call.
     */
    public boolean mayHaveCreatedCall() {
        return mayHaveCreatedCall;
    }
}
