package ke.thibitisha.intake;

import java.time.Duration;

/** Fired (CDI event) when a Daraja request has its answer: what it was, the HTTP status, and how long it took. */
public record CallbackAnswered(CallbackKind kind, int status, Duration took) {
}
