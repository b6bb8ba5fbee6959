package ke.thibitisha.dialer;

import jakarta.annotation.Resource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.MessageDrivenContext;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptors;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;
import ke.thibitisha.platform.EntryPointFailures;
import ke.thibitisha.platform.Settings;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * Delivers unreached notices ({@link UnreachedNotifier}) to {@code DIALER_UNREACHED_HOOK_URL}, signed with
 * {@code THIBITISHA_HOOK_SECRET}. A failed delivery (connection error, time-out, any answer but 2xx) rolls the
 * message back; the broker redelivers it with a growing delay ({@code ThibitishaHooks} address setting in
 * configure.cli) and after the last attempt keeps it in {@code ThibitishaHooksDLQ}: a notice is never lost.
 */
@MessageDriven(name = "UnreachedHookMDB", activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = UnreachedNotifier.QUEUE_LOOKUP),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "2")
})
public class UnreachedHookMDB implements MessageListener {

    private static final Logger LOG = Logger.getLogger(UnreachedHookMDB.class.getName());
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private static final AtomicBoolean UNSIGNED_WARNED = new AtomicBoolean();

    @Inject
    Settings settings;
    @Resource
    MessageDrivenContext context;

    @Interceptors(EntryPointFailures.class)
    @Override
    public void onMessage(Message message) {
        String body;
        int delivery;
        try {
            body = ((TextMessage) message).getText();
            delivery = message.getIntProperty("JMSXDeliveryCount");
        } catch (JMSException | ClassCastException e) {
            LOG.severe(() -> "unreadable unreached-hook message dropped: " + e);
            return;
        }
        Optional<String> url = settings.unreachedHookUrl();
        if (url.isEmpty()) {
            LOG.warning("unreached hook notice dropped: DIALER_UNREACHED_HOOK_URL is no longer set");
            return;
        }
        String failure = post(url.get(), body);
        if (failure != null) {
            LOG.warning(() -> "unreached hook delivery " + delivery + " failed (" + failure + "), the broker retries later");
            context.setRollbackOnly();
        }
    }

    /** Null when the receiver took it (2xx), else why not. */
    private String post(String url, String body) {
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        } catch (IllegalArgumentException e) {
            return "DIALER_UNREACHED_HOOK_URL is not a valid URL";
        }
        Optional<String> secret = settings.hookSecret();
        if (secret.isPresent()) {
            request.header("X-Thibitisha-Signature", HookSignature.header(secret.get(), body, Instant.now().getEpochSecond()));
        } else if (UNSIGNED_WARNED.compareAndSet(false, true)) {
            LOG.warning("unreached hook notices are sent unsigned: set THIBITISHA_HOOK_SECRET");
        }
        try {
            int status = HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            return status / 100 == 2 ? null : "HTTP " + status;
        } catch (IOException e) {
            return e.getClass().getSimpleName();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
