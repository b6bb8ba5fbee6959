package ke.thibitisha.ops;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.StreamingOutput;
import ke.thibitisha.payments.PaymentStatus;

import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static ke.thibitisha.platform.JsonProviders.JSON;

/** "What happened to payment X?" — reads for {@code ops} and {@code ops-viewer}, actions for {@code ops} (see web.xml). */
@Path("/payments")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.OPS, Roles.VIEWER})
public class PaymentsResource {

    static final ZoneId NAIROBI = ZoneId.of("Africa/Nairobi");

    @Inject
    OpsService ops;
    @Inject
    DeadLetters deadLetters;
    @Inject
    DailyPayments daily;
    @Context
    SecurityContext security;

    @GET
    public Response list(@QueryParam("status") String status, @QueryParam("since") String since,
                         @QueryParam("phone") String phoneEnding,
                         @QueryParam("limit") @DefaultValue("50") int limit,
                         @QueryParam("offset") @DefaultValue("0") int offset) {
        Optional<PaymentStatus> wanted;
        Optional<Instant> from;
        try {
            wanted = status == null || status.isBlank() ? Optional.empty()
                    : Optional.of(PaymentStatus.valueOf(status.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return error(400, "unknown status '" + status + "'");
        }
        try {
            from = since == null || since.isBlank() ? Optional.empty() : Optional.of(instant(since.trim()));
        } catch (DateTimeParseException e) {
            return error(400, "since must be an ISO date (2026-11-29) or instant (2026-11-29T08:00:00Z)");
        }
        if (limit < 1 || limit > 500 || offset < 0) {
            return error(400, "limit must be 1 to 500 and offset 0 or more");
        }
        if (phoneEnding != null && !phoneEnding.isBlank() && !phoneEnding.trim().matches("\\d{3,12}")) {
            return error(400, "phone must be the last 3 to 12 digits of the payer's number");
        }
        Optional<String> phone = phoneEnding == null || phoneEnding.isBlank() ? Optional.empty()
                : Optional.of(phoneEnding.trim());
        return Response.ok(ops.list(wanted, from, phone, limit, offset).build()).build();
    }

    /** The day's payments (Nairobi day) for reconciliation; JSON stays the answer unless CSV is asked for. */
    @GET
    @Produces("text/csv;qs=0.5")
    public Response csv(@QueryParam("day") String day) {
        LocalDate date;
        try {
            if (day == null || day.isBlank()) {
                return error(400, "day is required for the CSV export, like day=2026-11-29");
            }
            date = LocalDate.parse(day.trim());
        } catch (DateTimeParseException e) {
            return error(400, "day must be a date like 2026-11-29");
        }
        List<DailyPayments.Row> rows = daily.of(date);
        boolean fullNumbers = security.isUserInRole(Roles.OPS);
        StreamingOutput body = out -> {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            PaymentsCsv.write(rows, fullNumbers, writer);
            writer.flush();
        };
        return Response.ok(body, "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"thibitisha-payments-" + date + ".csv\"")
                .build();
    }

    @GET
    @Path("{id}")
    public Response get(@PathParam("id") String id) {
        return ops.story(id).map(story -> Response.ok(story).build())
                .orElseGet(() -> error(404, "no payment with id, receipt or CheckoutRequestID '" + id + "'"));
    }

    @POST
    @Path("{id}/redial")
    @RolesAllowed(Roles.OPS)
    public Response redial(@PathParam("id") String id) {
        var payment = ops.find(id);
        if (payment.isEmpty()) {
            return error(404, "no payment with id, receipt or CheckoutRequestID '" + id + "'");
        }
        return ops.redial(payment.get(), operator())
                .map(why -> error(409, why))
                .orElseGet(() -> Response.accepted(ops.story(id).orElseThrow()).build());
    }

    /** Bulk redial: every dial order in the dead-letter queue goes back on the dial queue. */
    @POST
    @Path("dead-letters/redial")
    @RolesAllowed(Roles.OPS)
    public Response redialDeadLetters() {
        int moved = deadLetters.redialAll(operator());
        return Response.ok(JSON.createObjectBuilder().add("moved", moved).build()).build();
    }

    private String operator() {
        return security.getUserPrincipal() == null ? "ops" : security.getUserPrincipal().getName();
    }

    public static Instant instant(String value) {
        return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(NAIROBI).toInstant() : Instant.parse(value);
    }

    public static Response error(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(JSON.createObjectBuilder().add("error", message).build()).build();
    }
}
