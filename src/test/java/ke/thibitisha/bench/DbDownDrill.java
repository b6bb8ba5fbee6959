package ke.thibitisha.bench;

import ke.thibitisha.sim.daraja.DarajaLoad;
import ke.thibitisha.sim.daraja.LoadReport;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * The {@code dbdown} drill (issue 14, contract §2 rule 6): one server on a PostgreSQL of its own
 * ({@link PrivatePostgres}), the Daraja simulator posting STK callbacks at a steady rate (100/s for 60 s, no
 * resends, each with its own phone number) while the database is stopped ({@code pg_ctl stop -m fast}) for 20 s
 * in the middle and started again. Daraja never resends, so every callback answered 200 must be stored exactly
 * once afterwards (those that came while the database was away through the intake spool), and dialled once.
 */
final class DbDownDrill {

    private static final int PORT = 5544;

    private DbDownDrill() {
    }

    static List<Section> run(BenchOptions options, Path outDir, Path logDir) {
        double rate = options.rate(100, 20);
        int seconds = options.smoke() ? 20 : 60;
        int downSeconds = options.outageSeconds(20, 6);
        double downAt = (seconds - downSeconds) / 2.0;
        try (PrivatePostgres pg = PrivatePostgres.start(PORT + options.portOffset())) {
            BenchOptions onPg = options.withServerArgs(List.of("-Ddb.driver=postgresql", "-Ddb.url=" + pg.jdbcUrl(),
                    "-Ddb.user=postgres", "-Ddb.password=unused"));
            try (Rig rig = Rig.start(onPg, logDir, Map.of())) {
                rig.freshSimulator("answer:0:200:1");
                String loadBefore = Machine.describe();
                long origin = System.nanoTime();
                CompletableFuture<LoadReport> sending = CompletableFuture.supplyAsync(() -> send(rig, rate, seconds));
                Pause.millis((long) (downAt * 1000));
                double stoppedAt = since(origin);
                pg.stop();
                Pause.millis(downSeconds * 1000L);
                double startedAt = since(origin);
                pg.startAgain();
                double backAt = since(origin);
                LoadReport load = sending.join();
                Duration drainLimit = Duration.ofSeconds((long) (rate * seconds / options.cap()) + 300);
                boolean settled = rig.app().awaitSettled(System.nanoTime() + drainLimit.toNanos());
                double settledAt = since(origin);
                return List.of(report(options, rig, pg, outDir, load, loadBefore, stoppedAt, startedAt, backAt,
                        settled ? settledAt : null));
            }
        }
    }

    private static LoadReport send(Rig rig, double rate, int seconds) {
        try {
            return DarajaLoad.run(DarajaLoad.Options.defaults().baseUrl(rig.app().baseUrl())
                    .shortcode(AppClient.SHORTCODE).token(AppClient.TOKEN).ratePerSecond(rate)
                    .count((int) (rate * seconds)).duplicateShare(0));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending", e);
        }
    }

    /** {@code "20 s: 35, 21 s: 80"}: where in the run the slow answers were (the database stops at 20 s). */
    private static String slowAnswers(LoadReport load) {
        Map<Integer, Long> bySecond = load.slowAnswersBySecondSent(1000);
        return bySecond.isEmpty() ? "none" : bySecond.entrySet().stream()
                .map(e -> e.getKey() + " s: " + e.getValue()).collect(Collectors.joining(", "));
    }

    private static Section report(BenchOptions options, Rig rig, PrivatePostgres pg, Path outDir, LoadReport load,
                                  String loadBefore,
                                  double stoppedAt, double startedAt, double backAt, Double settledAt) {
        List<String> ids = load.checkoutRequestIds();
        PaymentAudit audit = PaymentAudit.of(rig.app(), ids, List.of());
        Set<String> ours = new HashSet<>(ids);
        long dialledAgain = rig.app().allPayments().stream()
                .filter(p -> ours.contains(p.getString("checkout_request_id", "")))
                .filter(p -> p.getInt("attempts", 0) != 1).count();
        DialLog dials = rig.sim().dialLog(outDir.resolve("dbdown-sim"));
        int calls = dials.calls().size();
        Section section = new Section("dbdown", "dbdown: Daraja callbacks at " + (int) load.achievedRatePerSecond()
                + "/s while the database is stopped for " + Math.round(startedAt - stoppedAt) + " s")
                .context("Run `Bench " + options.commandLine() + "`; load at the start: " + loadBefore + "; "
                        + pg.describe() + "; callbacks sent by the Daraja simulator (`DarajaLoad`, no resends, each with"
                        + " its own phone number, 10 s timeout); calls of 200 ms, the payer presses 1.")
                .figure("callbacks sent", load.sent() + " in " + String.format("%.0f s", load.elapsed().toMillis() / 1000.0))
                .figure("database stopped / started / accepting again", String.format("%.1f s / %.1f s / %.1f s",
                        stoppedAt, startedAt, backAt))
                .figure("answered 200", Integer.toString(load.accepted()))
                .figure("other answers", load.errorsByStatus().isEmpty() ? "none" : load.errorsByStatus().toString())
                .figure("answer time p50 / p99 / max", String.format("%.0f ms / %.0f ms / %.0f ms", load.p50Ms(),
                        load.p99Ms(), load.maxMs()))
                .figure("answers over 1 s, by the second of the run they were sent in", slowAnswers(load))
                .figure("payments stored (missing / stored twice)", audit.present() + " (" + audit.missing() + " / "
                        + audit.duplicated() + ")")
                .figure("their statuses", audit.describeStatuses())
                .figure("calls placed at Sautikit / payments with more than one attempt", calls + " / " + dialledAgain)
                .figure("every payment settled at", settledAt == null ? "not within the limit" : String.format("%.0f s", settledAt))
                .figure("load at the end", Machine.describe());
        return section
                .check("every callback answered 200", load.accepted() == load.sent() && load.errorsByStatus().isEmpty(),
                        load.accepted() + " of " + load.sent())
                .check("every callback stored once", audit.missing() == 0 && audit.duplicated() == 0,
                        audit.missing() + " missing, " + audit.duplicated() + " stored twice")
                .check("every stored payment dialled once", settledAt != null && dialledAgain == 0
                        && calls == audit.present(), calls + " calls for " + audit.present() + " payments, "
                        + dialledAgain + " with more than one attempt");
    }

    private static double since(long originNanos) {
        return (System.nanoTime() - originNanos) / 1e9;
    }
}
