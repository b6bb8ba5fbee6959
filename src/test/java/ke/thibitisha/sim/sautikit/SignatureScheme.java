package ke.thibitisha.sim.sautikit;

/**
 * The two signature formats the Sautikit docs disagree on (sautikit-api.md §11).
 * A: {@code t=<unix s>,v1=hex(HMAC-SHA256(secret, body + "." + t))}; B: bare hex HMAC-SHA256 of the body.
 */
public enum SignatureScheme {
    A, B
}
