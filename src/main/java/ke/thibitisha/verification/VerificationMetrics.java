package ke.thibitisha.verification;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.pause.NoPauseDetector;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Verification meters on {@code :9990/metrics}: payments verified and unverified, the time from callback to
 * decision, and every Daraja answer that was not a decision, by code ({@code 4999}, {@code 500.001.1001},
 * {@code 500.003.02}, {@code timeout}, …). The codes are also counted here for {@code GET /api/stats}.
 */
@ApplicationScoped
public class VerificationMetrics {

    @Inject
    MeterRegistry registry;

    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private volatile Timer latency;

    void decided(String result, Duration sinceCallback) {
        Counter.builder("thibitisha.verification.results").description("payments decided by Daraja verification")
                .tag("result", result).register(registry).increment();
        timer().record(sinceCallback);
    }

    void noAnswer(String code) {
        errors.computeIfAbsent(code, c -> new LongAdder()).increment();
        Counter.builder("thibitisha.daraja.errors").description("STK Push Query answers that decided nothing, by code")
                .tag("code", code).register(registry).increment();
    }

    /** Since this node started. */
    public Map<String, Long> errorsByCode() {
        Map<String, Long> copy = new TreeMap<>();
        errors.forEach((code, n) -> copy.put(code, n.sum()));
        return copy;
    }

    private Timer timer() {
        Timer current = latency;
        if (current == null) {
            // an explicit pause detector: WildFly's managed registry refuses MeterRegistry.config()
            current = Timer.builder("thibitisha.verification.latency").description("callback stored -> verification decided")
                    .publishPercentileHistogram().pauseDetector(new NoPauseDetector()).register(registry);
            latency = current;
        }
        return current;
    }
}
