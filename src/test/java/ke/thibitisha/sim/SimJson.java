package ke.thibitisha.sim;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

import java.io.StringReader;
import java.util.Collection;

/**
 * JSON-P through one cached provider: the static {@code jakarta.json.Json} methods look the provider up with a
 * ServiceLoader on every call, which costs milliseconds per request on a large test classpath.
 */
public final class SimJson {

    private static final JsonProvider PROVIDER = JsonProvider.provider();

    private SimJson() {
    }

    public static JsonObjectBuilder object() {
        return PROVIDER.createObjectBuilder();
    }

    public static JsonArrayBuilder array() {
        return PROVIDER.createArrayBuilder();
    }

    public static JsonArrayBuilder array(Collection<?> values) {
        return PROVIDER.createArrayBuilder(values);
    }

    public static JsonString string(String value) {
        return PROVIDER.createValue(value);
    }

    /** Any JSON value; throws {@link jakarta.json.JsonException} when the text is not JSON. */
    public static JsonValue parse(String text) {
        try (JsonReader reader = PROVIDER.createReader(new StringReader(text))) {
            return reader.readValue();
        }
    }

    /** A JSON object; throws {@link jakarta.json.JsonException} otherwise. */
    public static JsonObject parseObject(String text) {
        try (JsonReader reader = PROVIDER.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }
}
