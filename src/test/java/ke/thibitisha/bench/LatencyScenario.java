package ke.thibitisha.bench;

import ke.thibitisha.sim.DaemonThreads;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Callback-to-dial latency while the dialer has free slots: payments at a steady rate, each call short, and for
 * each payment the time from the callback's HTTP answer (at the harness) to the simulator receiving its
 * POST /v1/calls (matched by the payer's number; both clocks are this machine's).
 */
final class LatencyScenario implements Scenario {

    /** Answered at once, 50 ms on the line, "1": a slot is free again in well under 1/rate × cap. */
    private static final String SHORT_CALL = "answer:0:50:1";

    @Override
    public List<Section> run(Rig rig, Path outDir) {
        BenchOptions options = rig.options();
        int count = options.count(1000, 20);
        double rate = options.rate(20, 20);
        rig.freshSimulator(SHORT_CALL);
        List<Payments.Payment> payments = Payments.fresh(count);

        Map<String, Instant> answeredAt = new ConcurrentHashMap<>();
        Map<String, Double> answerMs = new ConcurrentHashMap<>();
        Map<String, Integer> errors = new ConcurrentHashMap<>();
        List<CompletableFuture<?>> sent = new ArrayList<>();
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("bench-ticker"));
        long periodNanos = (long) (1e9 / rate);
        long start = System.nanoTime();
        try {
            for (int i = 0; i < count; i++) {
                Payments.Payment payment = payments.get(i);
                CompletableFuture<Void> done = new CompletableFuture<>();
                sent.add(done);
                ticker.schedule(() -> {
                    long begin = System.nanoTime();
                    rig.app().stkCallback(payment.body()).whenComplete((status, failure) -> {
                        Instant now = Instant.now();
                        if (failure == null && status == 200) {
                            answeredAt.put(payment.phone(), now);
                            answerMs.put(payment.phone(), (System.nanoTime() - begin) / 1e6);
                        } else {
                            errors.merge(failure == null ? "HTTP " + status : failure.getClass().getSimpleName(), 1,
                                    Integer::sum);
                        }
                        done.complete(null);
                    });
                }, periodNanos * i, TimeUnit.NANOSECONDS);
            }
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new))
                    .get((long) (count / rate) + 60, TimeUnit.SECONDS);
        } catch (Exception e) {
            errors.merge("unfinished", 1, Integer::sum);
        } finally {
            ticker.shutdownNow();
        }
        double sendSeconds = (System.nanoTime() - start) / 1e9;

        boolean settled = rig.app().awaitSettled(System.nanoTime() + TimeUnit.SECONDS.toNanos(60));
        DialLog log = rig.sim().dialLog(outDir.resolve("latency-sim"));
        Map<String, Instant> firstDial = log.firstRequests();
        List<Double> latencies = new ArrayList<>();
        answeredAt.forEach((phone, answered) -> {
            Instant dialled = firstDial.get(phone);
            if (dialled != null) {
                latencies.add(Duration.between(answered, dialled).toNanos() / 1e6);
            }
        });
        Percentiles dial = Percentiles.of(latencies);
        Percentiles answer = Percentiles.of(answerMs.values());
        int peak = rig.sim().state().getInt("max_in_flight");

        Section section = Scenario.section("latency", count + " payments at " + rate + "/s, callback answer → "
                + "POST /v1/calls at Sautikit, calls of 50 ms", rig);
        section.figure("payments accepted", answeredAt.size() + " of " + count + (errors.isEmpty() ? "" : ", errors " + errors))
                .figure("achieved rate", String.format("%.1f/s", count / sendSeconds))
                .figure("callback answer (HTTP) ms", String.format("p50 %.1f, p99 %.1f", answer.p50(), answer.p99()))
                .figure("callback → dial ms, p50", String.format("%.0f", dial.p50()))
                .figure("callback → dial ms, p95", String.format("%.0f", dial.p95()))
                .figure("callback → dial ms, p99", String.format("%.0f", dial.p99()))
                .figure("callback → dial ms, min / max", String.format("%.0f / %.0f", dial.min(), dial.max()))
                .figure("payments dialled", dial.count() + " of " + answeredAt.size())
                .figure("highest calls in flight", peak + " (cap " + options.cap() + ")")
                .figure("call length at Sautikit (created → ended), p50 / p99 ms", String.format("%.0f / %.0f",
                        log.callMillis().p50(), log.callMillis().p99()))
                .figure("dial rate achieved", String.format("%.1f calls/s", log.callsPerSecond()));
        section.note("Times are whole milliseconds (the simulator logs arrivals to the ms); a negative value means "
                + "the dialer's POST reached Sautikit before the callback's answer reached the caller.");
        if (peak >= options.cap()) {
            section.note("All " + options.cap() + " slots were busy at least once, so some payments waited for a "
                    + "slot and their figures include that wait.");
        }
        if (log.callsPerSecond() < rate * 0.95) {
            section.note(String.format("At %.1f payments/s the dialer did not keep up (%.1f calls/s): the "
                    + "latencies are mostly queueing, not free-slot latency.", rate, log.callsPerSecond()));
        }
        section.check("every accepted payment dialled", dial.count() == answeredAt.size(),
                        dial.count() + " of " + answeredAt.size())
                .check("every payment settled afterwards", settled, settled ? "yes" : "not within 60 s");
        return List.of(section);
    }
}
