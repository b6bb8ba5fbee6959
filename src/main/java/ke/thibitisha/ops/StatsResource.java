package ke.thibitisha.ops;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import ke.thibitisha.dialer.DialingReport;
import ke.thibitisha.dialer.DialingStatus;
import ke.thibitisha.monitoring.QueueDepth;
import ke.thibitisha.payments.PaymentRepository;
import ke.thibitisha.payments.PaymentStatus;
import ke.thibitisha.platform.Settings;
import ke.thibitisha.verification.VerificationStats;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

import static ke.thibitisha.platform.JsonProviders.JSON;

/** Today's (or a given day's, Nairobi time) figures for the operations team. Role {@code ops}. */
@Path("/stats")
@Produces(MediaType.APPLICATION_JSON)
@Stateless
@RolesAllowed({Roles.OPS, Roles.VIEWER})
public class StatsResource {

    @Inject
    PaymentRepository payments;
    @Inject
    QueueDepth queues;
    @Inject
    DialingReport dialing;
    @Inject
    Settings settings;
    @Inject
    VerificationStats verification;

    @GET
    public Response stats(@QueryParam("day") String day) {
        LocalDate date;
        try {
            date = day == null || day.isBlank() ? LocalDate.now(PaymentsResource.NAIROBI) : LocalDate.parse(day.trim());
        } catch (DateTimeParseException e) {
            return PaymentsResource.error(400, "day must be a date like 2026-11-29");
        }
        Instant from = date.atStartOfDay(PaymentsResource.NAIROBI).toInstant();
        Instant to = date.plusDays(1).atStartOfDay(PaymentsResource.NAIROBI).toInstant();

        Map<PaymentStatus, Long> counts = payments.countsByStatusReceivedBetween(from, to);
        JsonObjectBuilder byOutcome = JSON.createObjectBuilder();
        counts.forEach((status, n) -> byOutcome.add(status.name(), n));

        long acknowledged = counts.get(PaymentStatus.ACKNOWLEDGED);
        long decided = acknowledged + counts.get(PaymentStatus.ESCALATED) + counts.get(PaymentStatus.NO_RESPONSE)
                + counts.get(PaymentStatus.UNREACHED);
        long cost = payments.callCostMinorRequestedBetween(from, to);
        long inFlight = payments.callsInFlight();
        Optional<Instant> oldest = payments.oldestQueuedReceivedAt();

        JsonObjectBuilder stats = JSON.createObjectBuilder()
                .add("day", date.toString())
                .add("by_outcome", byOutcome)
                .add("payments", counts.values().stream().mapToLong(Long::longValue).sum())
                .add("calls_in_flight", inFlight)
                .add("max_concurrent_calls", settings.maxConcurrentCalls())
                .add("queue_depth", queues.waiting())
                .add("dead_letter_depth", queues.deadLettered())
                .add("acknowledgement_rate", decided == 0 ? BigDecimal.ZERO
                        : BigDecimal.valueOf(acknowledged).divide(BigDecimal.valueOf(decided), 4, RoundingMode.HALF_UP))
                .add("cost_kes", BigDecimal.valueOf(cost, 2));
        DialingStatus dialling = dialing.now();
        JsonObjectBuilder diallingJson = JSON.createObjectBuilder().add("state", dialling.state()).add("node", dialling.node());
        if (dialling.reason() != null) {
            diallingJson.add("reason", dialling.reason());
        }
        stats.add("dialling", diallingJson);
        stats.add("verification", verification.of(from, to));
        oldest.ifPresent(at -> stats.add("oldest_queued_age_seconds", Duration.between(at, Instant.now()).toSeconds()));
        return Response.ok(stats.build()).build();
    }
}
