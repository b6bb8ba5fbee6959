package ke.thibitisha.ops;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import ke.thibitisha.dialer.DialingReport;
import ke.thibitisha.dialer.DialingStatus;
import ke.thibitisha.payments.AttemptStatus;
import ke.thibitisha.payments.PaymentStatus;
import ke.thibitisha.platform.Settings;
import ke.thibitisha.verification.VerificationStats;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static ke.thibitisha.platform.JsonProviders.JSON;

/** Today's (or a given day's, Nairobi time) figures for the operations team. Role {@code ops}. */
@Path("/stats")
@Produces(MediaType.APPLICATION_JSON)
@Stateless
@RolesAllowed({Roles.OPS, Roles.VIEWER})
public class StatsResource {

    @PersistenceContext
    EntityManager em;
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

        Map<PaymentStatus, Long> counts = new EnumMap<>(PaymentStatus.class);
        for (PaymentStatus s : PaymentStatus.values()) {
            counts.put(s, 0L);
        }
        em.createQuery("select p.status, count(p) from Payment p where p.createdAt >= :from and p.createdAt < :to"
                        + " group by p.status", Object[].class)
                .setParameter("from", from).setParameter("to", to).getResultList()
                .forEach(row -> counts.put((PaymentStatus) row[0], (Long) row[1]));
        JsonObjectBuilder byOutcome = JSON.createObjectBuilder();
        counts.forEach((status, n) -> byOutcome.add(status.name(), n));

        long acknowledged = counts.get(PaymentStatus.ACKNOWLEDGED);
        long decided = acknowledged + counts.get(PaymentStatus.ESCALATED) + counts.get(PaymentStatus.NO_RESPONSE)
                + counts.get(PaymentStatus.UNREACHED);
        Long cost = em.createQuery("select sum(a.costMinor) from CallAttempt a where a.requestedAt >= :from"
                        + " and a.requestedAt < :to", Long.class)
                .setParameter("from", from).setParameter("to", to).getSingleResult();
        long inFlight = em.createQuery("select count(a) from CallAttempt a where a.status in :live", Long.class)
                .setParameter("live", List.of(AttemptStatus.REQUESTED, AttemptStatus.RINGING, AttemptStatus.ANSWERED))
                .getSingleResult();
        List<Instant> oldest = em.createQuery("select min(p.createdAt) from Payment p where p.status = :queued", Instant.class)
                .setParameter("queued", PaymentStatus.QUEUED).getResultList();

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
                .add("cost_kes", BigDecimal.valueOf(cost == null ? 0 : cost, 2));
        DialingStatus dialling = dialing.now();
        JsonObjectBuilder diallingJson = JSON.createObjectBuilder().add("state", dialling.state()).add("node", dialling.node());
        if (dialling.reason() != null) {
            diallingJson.add("reason", dialling.reason());
        }
        stats.add("dialling", diallingJson);
        stats.add("verification", verification.of(from, to));
        if (!oldest.isEmpty() && oldest.get(0) != null) {
            stats.add("oldest_queued_age_seconds", Duration.between(oldest.get(0), Instant.now()).toSeconds());
        }
        return Response.ok(stats.build()).build();
    }
}
