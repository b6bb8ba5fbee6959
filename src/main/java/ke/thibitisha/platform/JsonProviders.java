package ke.thibitisha.platform;

import jakarta.json.spi.JsonProvider;

import static ke.thibitisha.platform.JsonProviders.JSON;

/**
 * The JSON-P provider, looked up once. Every static {@code jakarta.json.JSON.createXxx} call repeats a
 * ServiceLoader search through the deployment's module class loaders, which showed up in the intake profile.
 */
public final class JsonProviders {

    public static final JsonProvider JSON = JsonProvider.provider();

    private JsonProviders() {
    }
}
