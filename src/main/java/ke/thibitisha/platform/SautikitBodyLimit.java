package ke.thibitisha.platform;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Contract §4: Sautikit's voice callbacks and events are unauthenticated until read (the signature is over the
 * body), so their size is limited before anything reads them: a declared {@code Content-Length} over 64 KiB is
 * refused unread, and a chunked body is read to at most 64 KiB + 1 byte.
 */
@Provider
@PreMatching
public class SautikitBodyLimit implements ContainerRequestFilter {

    public static final int MAX_BODY_BYTES = 64 * 1024;

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        String path = request.getUriInfo().getPath();
        if (!path.replaceAll("/+", "/").replaceFirst("^/", "").startsWith("sautikit/")) {
            return;
        }
        String declared = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (declared != null) {
            long length;
            try {
                length = Long.parseLong(declared.trim());
            } catch (NumberFormatException e) {
                request.abortWith(ErrorResponses.json(400, "Content-Length is not a number"));
                return;
            }
            if (length > MAX_BODY_BYTES) {
                request.abortWith(ErrorResponses.json(413, "body is larger than 64 KiB"));
                return;
            }
        }
        InputStream entity = request.getEntityStream();
        byte[] body = entity == null ? new byte[0] : entity.readNBytes(MAX_BODY_BYTES + 1);
        if (body.length > MAX_BODY_BYTES) {
            request.abortWith(ErrorResponses.json(413, "body is larger than 64 KiB"));
            return;
        }
        request.setEntityStream(new ByteArrayInputStream(body));
    }
}
