package ke.thibitisha.bench;

import jakarta.json.JsonObject;
import ke.thibitisha.sim.DaemonThreads;
import ke.thibitisha.sim.daraja.DarajaApiSimulator;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Verification with Daraja under load: payments at a steady rate, one in twenty forged (Daraja has never heard
 * of its CheckoutRequestID), with the Daraja simulator (in this JVM) answering each query in 300 ms and answering
 * spike arrest above 20 queries a second. Forged payments must never be dialled, genuine ones all; reported:
 * callback → POST /v1/calls with free call slots, and the drain time against the ideal (the last callback plus
 * one query).
 */
final class VerifyScenario implements Scenario {

    static final String CONSUMER_KEY = "bench-daraja-key";
    static final String CONSUMER_SECRET = "bench-daraja-secret";
    static final String PASSKEY = "bench-passkey";
    private static final String SHORT_CALL = "answer:0:50:1";
    private static final Duration QUERY_LATENCY = Duration.ofMillis(300);
    private static final int SPIKE_ARREST_PER_SECOND = 20;
    private static final int FORGED_EVERY = 20;

    /** The server's Daraja settings for this scenario; the rest of the bench runs without verification. */
    static Map<String, String> serverEnv(BenchOptions options) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("DARAJA_CONSUMER_KEY", CONSUMER_KEY);
        env.put("DARAJA_CONSUMER_SECRET", CONSUMER_SECRET);
        env.put("DARAJA_BASE_URL", "http://127.0.0.1:" + darajaPort(options));
        env.put("PAYBILL_" + AppClient.SHORTCODE + "_PASSKEY", PASSKEY);
        env.put("DARAJA_VERIFY_GIVE_UP", giveUp(options).toString());
        env.put("DARAJA_VERIFY_RATE", "15");
        env.put("DARAJA_VERIFY_PAYBILL_CONCURRENCY", "8");
        if (options.smoke()) {
            env.put("DARAJA_VERIFY_RETRY_DELAY", "PT1S");
        }
        return env;
    }

    private static int darajaPort(BenchOptions options) {
        return options.simPort() + 1;
    }

    /** Short, so that the forged payments are decided within the run (the product's default is 30 minutes). */
    private static Duration giveUp(BenchOptions options) {
        return options.smoke() ? Duration.ofSeconds(30) : Duration.ofSeconds(60);
    }

    @Override
    public List<Section> run(Rig rig, Path outDir) {
        BenchOptions options = rig.options();
        int count = options.count(2000, 40);
        double rate = options.rate(10, 10);
        rig.freshSimulator(SHORT_CALL);
        List<Payments.Payment> payments = Payments.fresh(count);
        List<Payments.Payment> genuine = new ArrayList<>();
        List<Payments.Payment> forged = new ArrayList<>();
        for (int i = 0; i < payments.size(); i++) {
            (i % FORGED_EVERY == FORGED_EVERY - 1 ? forged : genuine).add(payments.get(i));
        }
        try (DarajaApiSimulator daraja = DarajaApiSimulator.start(darajaPort(options), CONSUMER_KEY, CONSUMER_SECRET,
                Map.of(AppClient.SHORTCODE, PASSKEY))) {
            daraja.latency(QUERY_LATENCY);
            daraja.spikeArrestPerSecond(SPIKE_ARREST_PER_SECOND);
            genuine.forEach(p -> daraja.know(p.checkoutRequestId(), "0"));
            return List.of(measure(rig, outDir, daraja, payments, genuine, forged, rate));
        }
    }

    private Section measure(Rig rig, Path outDir, DarajaApiSimulator daraja, List<Payments.Payment> payments,
                            List<Payments.Payment> genuine, List<Payments.Payment> forged, double rate) {
        BenchOptions options = rig.options();
        Map<String, Instant> answeredAt = new ConcurrentHashMap<>();
        Map<String, Integer> errors = new ConcurrentHashMap<>();
        List<CompletableFuture<?>> sent = new ArrayList<>();
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("bench-ticker"));
        long periodNanos = (long) (1e9 / rate);
        Instant first = Instant.now();
        try {
            for (int i = 0; i < payments.size(); i++) {
                Payments.Payment payment = payments.get(i);
                CompletableFuture<Void> done = new CompletableFuture<>();
                sent.add(done);
                ticker.schedule(() -> rig.app().stkCallback(payment.body()).whenComplete((status, failure) -> {
                    if (failure == null && status == 200) {
                        answeredAt.put(payment.phone(), Instant.now());
                    } else {
                        errors.merge(failure == null ? "HTTP " + status : failure.getClass().getSimpleName(), 1, Integer::sum);
                    }
                    done.complete(null);
                }), periodNanos * i, TimeUnit.NANOSECONDS);
            }
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new))
                    .get((long) (payments.size() / rate) + 60, TimeUnit.SECONDS);
        } catch (Exception e) {
            errors.merge("unfinished", 1, Integer::sum);
        } finally {
            ticker.shutdownNow();
        }
        Instant lastCallback = answeredAt.values().stream().max(Instant::compareTo).orElse(Instant.now());

        // forged payments are decided once the give-up has passed; genuine ones long before
        Instant deadline = lastCallback.plus(giveUp(options)).plusSeconds(60);
        Map<String, Long> outcomes = Map.of();
        while (Instant.now().isBefore(deadline)) {
            outcomes = outcomes(rig, outcomes);
            if (outcomes.getOrDefault("VERIFYING", 0L) == 0 && rig.app().settled()) {
                break;
            }
            Pause.millis(1000);
        }
        DialLog log = rig.sim().dialLog(outDir.resolve("verify-sim"));
        Map<String, Instant> firstDial = log.firstRequests();
        List<Double> latencies = new ArrayList<>();
        Instant lastDial = first;
        int genuineDialled = 0;
        for (Payments.Payment payment : genuine) {
            Instant dialled = firstDial.get(payment.phone());
            Instant answered = answeredAt.get(payment.phone());
            if (dialled != null) {
                genuineDialled++;
                lastDial = dialled.isAfter(lastDial) ? dialled : lastDial;
                if (answered != null) {
                    latencies.add(Duration.between(answered, dialled).toNanos() / 1e6);
                }
            }
        }
        long forgedDialled = forged.stream().filter(p -> firstDial.containsKey(p.phone())).count();
        Percentiles dial = Percentiles.of(latencies);
        double drain = Duration.between(first, lastDial).toMillis() / 1000.0;
        double ideal = Duration.between(first, lastCallback).plus(QUERY_LATENCY).toMillis() / 1000.0;
        Map<String, Integer> answers = new TreeMap<>(daraja.answersByCode());
        JsonObject verification = stats(rig).map(stats -> stats.getJsonObject("verification")).orElse(null);
        double queriesPerForged = forged.isEmpty() ? 0 : forged.stream()
                .mapToInt(p -> daraja.queriesFor(p.checkoutRequestId()).size()).average().orElse(0);

        Section section = Scenario.section("verify", payments.size() + " payments at " + rate + "/s, "
                + forged.size() + " forged; Daraja answers in " + QUERY_LATENCY.toMillis() + " ms, spike arrest above "
                + SPIKE_ARREST_PER_SECOND + " queries/s", rig);
        section.figure("payments accepted", answeredAt.size() + " of " + payments.size() + (errors.isEmpty() ? "" : ", errors " + errors))
                .figure("forged payments dialled (must be 0)", forgedDialled + " of " + forged.size())
                .figure("genuine payments dialled (must be all)", genuineDialled + " of " + genuine.size())
                .figure("callback → POST /v1/calls ms, p50 / p95 / p99", String.format("%.0f / %.0f / %.0f",
                        dial.p50(), dial.p95(), dial.p99()))
                .figure("callback → POST /v1/calls ms, min / max", String.format("%.0f / %.0f", dial.min(), dial.max()))
                .figure("drain: first callback → last genuine dialled", String.format("%.1f s (ideal %.1f s: the last "
                        + "callback plus one query)", drain, ideal))
                .figure("Daraja queries", daraja.queries().size() + " " + answers)
                .figure("highest queries in one second at Daraja", Integer.toString(peakPerSecond(daraja.queries())))
                .figure("queries per forged payment until UNVERIFIED", String.format("%.1f (give-up %s)", queriesPerForged,
                        giveUp(options)))
                .figure("outcomes", outcomes.toString())
                .figure("GET /api/stats verification", verification == null ? "absent" : verification.toString())
                .figure("highest calls in flight", rig.sim().state().getInt("max_in_flight") + " (cap " + options.cap() + ")");
        section.note("Per-paybill limits on the server: DARAJA_VERIFY_RATE=15 queries/s, DARAJA_VERIFY_PAYBILL_CONCURRENCY=8; a forged payment is asked again "
                + "with backoff (500.001.1001 proves nothing) until DARAJA_VERIFY_GIVE_UP, then UNVERIFIED.");
        section.check("no forged payment dialled", forgedDialled == 0, forgedDialled + " dialled")
                .check("every genuine payment dialled", genuineDialled == genuine.size(), genuineDialled + " of " + genuine.size())
                .check("every forged payment UNVERIFIED", outcomes.getOrDefault("UNVERIFIED", 0L) == forged.size(),
                        outcomes.getOrDefault("UNVERIFIED", 0L) + " of " + forged.size());
        return section;
    }

    /** GET /api/stats, or empty when the server did not answer within the probe's time-out (a loaded machine). */
    private static Optional<JsonObject> stats(Rig rig) {
        try {
            return Optional.of(rig.app().stats());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Payments by status today; the previous figures when the server did not answer. */
    private static Map<String, Long> outcomes(Rig rig, Map<String, Long> previous) {
        Optional<JsonObject> stats = stats(rig);
        if (stats.isEmpty()) {
            return previous;
        }
        Map<String, Long> counts = new TreeMap<>();
        stats.get().getJsonObject("by_outcome").forEach((status, n) -> {
            long value = ((jakarta.json.JsonNumber) n).longValue();
            if (value > 0) {
                counts.put(status, value);
            }
        });
        return counts;
    }

    private static int peakPerSecond(List<DarajaApiSimulator.Query> queries) {
        List<Instant> times = queries.stream().map(DarajaApiSimulator.Query::at).sorted().toList();
        int peak = 0;
        int start = 0;
        for (int end = 0; end < times.size(); end++) {
            while (Duration.between(times.get(start), times.get(end)).toMillis() >= 1000) {
                start++;
            }
            peak = Math.max(peak, end - start + 1);
        }
        return peak;
    }
}
