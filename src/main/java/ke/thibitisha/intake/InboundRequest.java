package ke.thibitisha.intake;

import java.time.Instant;

/** What arrived on a Daraja URL, before anything about it is decided. */
public record InboundRequest(CallbackKind kind, String shortcode, String sourceIp, String contentType, String headers,
                             byte[] body, boolean bodyTruncated, Instant receivedAt) {
}
