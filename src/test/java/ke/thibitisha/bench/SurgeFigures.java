package ke.thibitisha.bench;

import java.util.List;

/** The figures and checks surge, crash and outage share. */
final class SurgeFigures {

    private SurgeFigures() {
    }

    static void queueing(Section section, SurgeRun.Outcome out, int count) {
        section.figure("payments accepted (200)", out.burst().accepted().size() + " of " + count
                + (out.burst().errors().isEmpty() ? "" : ", errors " + out.burst().errors())
                + (out.burst().resends() == 0 ? "" : ", after " + out.burst().resends() + " resends of unanswered callbacks"))
                .figure("all queued after", String.format("%.1f s", out.queuedSeconds()));
    }

    static void drain(Section section, SurgeRun.Outcome out, long callMs) {
        double ideal = out.idealSeconds(callMs);
        section.figure("ideal drain ⌈N / cap⌉ × L", String.format("%.1f s", ideal));
        if (out.drainSeconds() == null) {
            section.figure("drain time", "not settled within the time budget");
        } else {
            double drain = out.drainSeconds();
            double rounds = Math.ceil(out.burst().accepted().size() / (double) out.cap());
            section.figure("drain time (first callback → every payment settled)", String.format("%.1f s", drain))
                    .figure("efficiency (ideal / drain)", String.format("%.0f %%", 100 * ideal / drain))
                    .figure("overhead per call (beyond L)", String.format("%.0f ms", (drain - ideal) * 1000 / rounds));
            if (out.serverCpu() != null) {
                double seconds = out.serverCpu().toNanos() / 1e9;
                section.figure("server CPU per payment (intake, dialling, events, voice callbacks, the bench's polling)",
                                String.format("%.0f ms", seconds * 1000 / Math.max(1, out.burst().accepted().size())))
                        .figure("server CPU during the run", String.format("%.2f cores", seconds / drain));
            }
        }
    }

    /** Calls at the simulator, duplicates, cap, and the payments audit, with their checks. */
    static void calls(Section section, SurgeRun.Outcome out) {
        int accepted = out.burst().accepted().size();
        int dialled = out.log().dialled(out.numbers());
        List<String> duplicates = out.log().duplicates(out.numbers());
        section.figure("payments dialled (distinct numbers called)", dialled + " of " + accepted)
                .figure("calls created at Sautikit", Integer.toString(out.log().calls().size()))
                .figure("POST /v1/calls answers", out.log().requestOutcomes().toString())
                .figure("highest calls in flight at Sautikit", out.simPeak() + " (cap " + out.cap() + ")")
                .figure("duplicate calls (a number called again after an answered call)", duplicates.size()
                        + (duplicates.isEmpty() ? "" : " e.g. " + duplicates.subList(0, Math.min(5, duplicates.size()))))
                .figure("payment outcomes", out.audit().describeStatuses())
                .figure("dead-letter queue at the end", out.deadLetters() + " messages");
        section.check("every accepted payment settled within the budget", out.drainSeconds() != null,
                        out.drainSeconds() == null ? "not settled" : String.format("%.1f s", out.drainSeconds()))
                .check("every accepted payment dialled", dialled == accepted, dialled + " of " + accepted)
                .check("no payment dialled twice", duplicates.isEmpty(), duplicates.size() + " duplicates")
                .check("never more than the cap in flight", out.simPeak() <= out.cap(),
                        "peak " + out.simPeak() + ", cap " + out.cap())
                .check("no payment FAILED or UNREACHED (every call was scripted to answer and press 1)",
                        lost(out.audit()) == 0, lost(out.audit()) + " payments")
                .check("every accepted payment stored exactly once", out.audit().missing() == 0
                        && out.audit().duplicated() == 0, out.audit().missing() + " missing, "
                        + out.audit().duplicated() + " with more than one row")
                .check("nothing in the dead-letter queue", out.deadLetters() == 0, out.deadLetters() + " messages");
    }

    private static int lost(PaymentAudit audit) {
        return audit.statuses().getOrDefault("FAILED", 0) + audit.statuses().getOrDefault("UNREACHED", 0);
    }
}
