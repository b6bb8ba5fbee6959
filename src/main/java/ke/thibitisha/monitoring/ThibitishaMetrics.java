package ke.thibitisha.monitoring;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.pause.NoPauseDetector;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import ke.thibitisha.dialer.CallCompletions;
import ke.thibitisha.dialer.DialingReport;
import ke.thibitisha.intake.CallbackAnswered;
import ke.thibitisha.payments.PaymentStatus;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The application's meters, served with WildFly's own on {@code :9990/metrics} (Micrometer, Prometheus
 * format). Names are listed in the README, "Operating Thibitisha".
 */
@ApplicationScoped
public class ThibitishaMetrics {

    @Inject
    MeterRegistry registry;
    @Inject
    CallCompletions completions;
    @Inject
    QueueDepth queues;
    @Inject
    DialingReport dialing;

    private final Map<String, Counter> callbacks = new ConcurrentHashMap<>();
    private final Map<String, Timer> latency = new ConcurrentHashMap<>();

    @PostConstruct
    void gauges() {
        Gauge.builder("thibitisha.calls.in.flight", completions, CallCompletions::inFlight)
                .description("calls placed and not yet terminal, on this node").register(registry);
        Gauge.builder("thibitisha.queue.depth", queues, QueueDepth::waiting)
                .description("dial orders waiting on the queue (scheduled redials not included)").register(registry);
        Gauge.builder("thibitisha.queue.dead.letters", queues, QueueDepth::deadLettered)
                .description("dial orders in the dead-letter queue").register(registry);
        Gauge.builder("thibitisha.dialling.paused", dialing, d -> d.now().paused() ? 1 : 0)
                .description("1 while dialling is paused (no API key, empty Sautikit wallet, Sautikit unreachable)")
                .register(registry);
    }

    /** One Daraja request answered: {@code kind} stk / c2b_validation / c2b_confirmation, HTTP status. */
    void callbackAnswered(@Observes CallbackAnswered answered) {
        String kind = answered.kind().name().toLowerCase(Locale.ROOT);
        int status = answered.status();
        Duration took = answered.took();
        callbacks.computeIfAbsent(kind + " " + status, k -> Counter.builder("thibitisha.callbacks.received")
                .description("Daraja requests by kind and answer")
                .tag("kind", kind).tag("status", Integer.toString(status)).register(registry)).increment();
        // an explicit pause detector: WildFly's managed registry refuses MeterRegistry.config(), which the
        // builder would otherwise ask for it
        latency.computeIfAbsent(kind, k -> Timer.builder("thibitisha.intake.latency").description("time to answer Daraja")
                .tag("kind", kind).publishPercentileHistogram().pauseDetector(new NoPauseDetector())
                .register(registry)).record(took);
    }

    /** A payment reached a final outcome (ACKNOWLEDGED, ESCALATED, NO_RESPONSE, UNREACHED, …), once committed. */
    void outcome(@Observes(during = TransactionPhase.AFTER_SUCCESS) PaymentStatus status) {
        Counter.builder("thibitisha.payments.outcome").description("payments by final outcome")
                .tag("outcome", status.name()).register(registry).increment();
    }
}
