package ke.thibitisha.paybill;

/** The languages a confirmation call can be spoken in, with the tag Sautikit's {@code say} expects. */
public enum Language {
    EN("en-KE"),
    SW("sw-KE");

    private final String bcp47;

    Language(String bcp47) {
        this.bcp47 = bcp47;
    }

    public String bcp47() {
        return bcp47;
    }

    /** Reads a paybill's configured language ({@code en} or {@code sw}, any case); anything else is refused. */
    public static Language fromCode(String code) {
        return switch (code.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "en" -> EN;
            case "sw" -> SW;
            default -> throw new IllegalArgumentException("unsupported call language '" + code + "', expected en or sw");
        };
    }
}
