package ke.thibitisha.dialer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import ke.thibitisha.platform.Settings;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.logging.Logger;

import static ke.thibitisha.platform.JsonProviders.JSON;

/**
 * Tells an optional outside system (for example an SMS sender) that a payment could not be confirmed by
 * phone. Best effort, after the commit that made the payment UNREACHED; never carries the phone number.
 */
@ApplicationScoped
public class UnreachedNotifier {

    private static final Logger LOG = Logger.getLogger(UnreachedNotifier.class.getName());
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    @Inject
    Settings settings;

    void onUnreached(@Observes(during = TransactionPhase.AFTER_SUCCESS) PaymentUnreached event) {
        settings.unreachedHookUrl().ifPresent(url -> {
            String body = JSON.createObjectBuilder()
                    .add("event", "payment.unreached")
                    .add("payment_id", event.paymentId())
                    .add("receipt", event.receipt() == null ? "" : event.receipt())
                    .add("amount", event.amount() == null ? "" : event.amount().toPlainString())
                    .add("shortcode", event.shortcode())
                    .add("attempts", event.attempts())
                    .add("last_status", event.lastStatus())
                    .build().toString();
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
            http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
                if (error != null || response.statusCode() >= 300) {
                    LOG.warning(() -> "unreached hook for payment " + event.paymentId() + " failed: "
                            + (error != null ? error : "HTTP " + response.statusCode()));
                }
            });
        });
    }
}
