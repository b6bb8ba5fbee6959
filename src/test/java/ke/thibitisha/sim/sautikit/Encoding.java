package ke.thibitisha.sim.sautikit;

/** Body encoding of the voice callback POST; the docs do not say which one Sautikit uses, so both are playable. */
public enum Encoding {
    FORM("application/x-www-form-urlencoded"),
    JSON("application/json");

    private final String contentType;

    Encoding(String contentType) {
        this.contentType = contentType;
    }

    public String contentType() {
        return contentType;
    }
}
