package ke.thibitisha.ops;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import ke.thibitisha.dialer.DialingPause;
import ke.thibitisha.dialer.SautikitGateway;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import javax.sql.DataSource;
import java.sql.Connection;

/**
 * Readiness on {@code :9990/health/ready}: the database, the broker, and whether we can dial at all.
 * Liveness is left to WildFly's own checks: a Sautikit outage must never get the server restarted.
 */
@ApplicationScoped
public class ReadinessChecks {

    private static final int DEAD_LETTER_ALARM = 1;

    @Resource(lookup = "java:jboss/datasources/ThibitishaDS")
    DataSource dataSource;
    @Inject
    QueueDepth queues;
    @Inject
    DialingPause pause;
    @Inject
    SautikitGateway sautikit;

    @Produces
    @Readiness
    HealthCheck database() {
        return () -> {
            try (Connection connection = dataSource.getConnection()) {
                boolean valid = connection.isValid(2);
                return HealthCheckResponse.named("database").status(valid).build();
            } catch (Exception e) {
                return HealthCheckResponse.named("database").down().withData("error", e.getClass().getSimpleName()).build();
            }
        };
    }

    @Produces
    @Readiness
    HealthCheck broker() {
        return () -> {
            try {
                int deadLetters = queues.deadLettered();
                return HealthCheckResponse.named("broker").status(deadLetters < DEAD_LETTER_ALARM)
                        .withData("queue_depth", queues.waiting())
                        .withData("dead_letter_depth", deadLetters).build();
            } catch (RuntimeException e) {
                return HealthCheckResponse.named("broker").down().withData("error", e.getClass().getSimpleName()).build();
            }
        };
    }

    @Produces
    @Readiness
    HealthCheck dialling() {
        return () -> {
            if (!sautikit.configured()) {
                return HealthCheckResponse.named("dialling").down()
                        .withData("reason", "SAUTIKIT_API_KEY or SAUTIKIT_FROM_NUMBER is not set").build();
            }
            return pause.reason()
                    .map(why -> HealthCheckResponse.named("dialling").down().withData("reason", why).build())
                    .orElseGet(() -> HealthCheckResponse.named("dialling").up().build());
        };
    }
}
