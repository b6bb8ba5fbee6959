package ke.thibitisha.sim;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Parses {@code --key=value} arguments (a bare {@code --flag} means "true") and rejects unknown keys. */
public final class CommandLine {

    private final Map<String, String> values;

    private CommandLine(Map<String, String> values) {
        this.values = values;
    }

    /** @throws IllegalArgumentException naming the first argument that is malformed or not among {@code known} */
    public static CommandLine parse(String[] args, Set<String> known) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String arg : args) {
            if (arg.isBlank()) {
                continue;
            }
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("not a --key=value argument: " + arg);
            }
            int eq = arg.indexOf('=');
            String key = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
            if (!known.contains(key)) {
                throw new IllegalArgumentException("unknown argument --" + key);
            }
            values.put(key, eq < 0 ? "true" : arg.substring(eq + 1));
        }
        return new CommandLine(values);
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }

    public String get(String key, String fallback) {
        return values.getOrDefault(key, fallback);
    }

    public int getInt(String key, int fallback) {
        return has(key) ? Integer.parseInt(values.get(key)) : fallback;
    }

    public long getLong(String key, long fallback) {
        return has(key) ? Long.parseLong(values.get(key)) : fallback;
    }

    public double getDouble(String key, double fallback) {
        return has(key) ? Double.parseDouble(values.get(key)) : fallback;
    }
}
