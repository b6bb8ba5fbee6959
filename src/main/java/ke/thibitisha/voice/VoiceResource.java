package ke.thibitisha.voice;

import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import ke.thibitisha.payments.MaskedFailure;

import java.io.StringReader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.logging.Logger;

import ke.thibitisha.platform.RequestRejected;

import static ke.thibitisha.platform.JsonProviders.JSON;

/**
 * Sautikit's voice callback. The body is form-encoded or JSON (the documentation shows both); the
 * answer is always a JSON Voice Actions document, even for a reference we do not know.
 */
@Path("/sautikit/voice/{callRef}")
public class VoiceResource {

    private static final Logger LOG = Logger.getLogger(VoiceResource.class.getName());

    @Inject
    VoiceService voice;

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject callback(@PathParam("callRef") String callRef, @HeaderParam("Content-Type") String contentType,
                               @QueryParam("Digits") String queryDigits, String body) {
        String digits = digits(contentType, body == null ? "" : body);
        if (digits == null) {
            digits = queryDigits;
        }
        try {
            return voice.answer(callRef, digits);
        } catch (RuntimeException e) {
            LOG.severe(() -> "voice callback failed, answering hangup: " + MaskedFailure.describe(e));
            return VoiceScript.unknownCall();
        }
    }

    /**
     * The {@code Digits} field of either body encoding; null when there is none. A body that is neither valid
     * JSON nor valid form encoding is refused with a 400 (contract §2 rule 14), never a 500.
     */
    static String digits(String contentType, String body) {
        if (body.isBlank()) {
            return null;
        }
        boolean json = contentType != null && contentType.toLowerCase().contains("json")
                || body.trim().startsWith("{");
        if (json) {
            try (var reader = JSON.createReader(new StringReader(body))) {
                JsonValue value = reader.readObject().get("Digits");
                if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
                    return null;
                }
                return value instanceof JsonString s ? s.getString() : value.toString();
            } catch (RuntimeException e) {
                throw new RequestRejected(400, "body is not a valid JSON object");
            }
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            String name = formDecode(eq < 0 ? pair : pair.substring(0, eq));
            if (name.equals("Digits")) {
                return eq < 0 ? "" : formDecode(pair.substring(eq + 1));
            }
        }
        return null;
    }

    private static String formDecode(String value) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new RequestRejected(400, "form body has an invalid percent-encoding");
        }
    }
}
