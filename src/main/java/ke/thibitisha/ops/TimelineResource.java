package ke.thibitisha.ops;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Duration;
import java.time.Instant;

import static ke.thibitisha.platform.JsonProviders.JSON;

/** The operations page's chart: payments received, calls placed and outcomes per 5 minutes over the last hours. */
@Path("/stats/timeline")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.OPS, Roles.VIEWER})
public class TimelineResource {

    private static final Duration STEP = Duration.ofMinutes(5);

    @Inject
    ActivityTimeline timeline;

    @GET
    public Response timeline(@QueryParam("hours") @DefaultValue("6") int hours) {
        if (hours < 1 || hours > 48) {
            return PaymentsResource.error(400, "hours must be 1 to 48");
        }
        ActivityTimeline.Series series = timeline.since(Instant.now().minus(Duration.ofHours(hours)), STEP);
        JsonArrayBuilder starts = JSON.createArrayBuilder();
        for (int i = 0; i < series.received().length; i++) {
            starts.add(series.from().plus(series.step().multipliedBy(i)).toString());
        }
        JsonObjectBuilder outcomes = JSON.createObjectBuilder();
        series.outcomes().forEach((status, counts) -> outcomes.add(status.name(), array(counts)));
        return Response.ok(JSON.createObjectBuilder()
                .add("from", series.from().toString())
                .add("step_seconds", series.step().toSeconds())
                .add("buckets", starts)
                .add("received", array(series.received()))
                .add("calls_placed", array(series.callsPlaced()))
                .add("outcomes", outcomes)
                .build()).build();
    }

    private static JsonArrayBuilder array(long[] counts) {
        JsonArrayBuilder a = JSON.createArrayBuilder();
        for (long n : counts) {
            a.add(n);
        }
        return a;
    }
}
