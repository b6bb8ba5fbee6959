package ke.thibitisha.dialer;

/** Sautikit did not give a usable answer (5xx, 429, timeout, connection error): worth trying again, same key. */
public class SautikitUnavailableException extends RuntimeException {
    public SautikitUnavailableException(String message) {
        super(message);
    }
}
