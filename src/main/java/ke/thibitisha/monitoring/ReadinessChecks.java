package ke.thibitisha.monitoring;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import javax.sql.DataSource;
import java.sql.Connection;

/**
 * Readiness on {@code :9990/health/ready}: UP whenever this node can durably accept callbacks, its database and
 * its broker, and nothing else (contract §5). A load balancer cuts a node off on DOWN, and Daraja never resends:
 * a paused dialler, dead letters or an unreachable Sautikit show in {@code GET /api/stats}, the metrics and the
 * log instead. Liveness is left to WildFly's own checks: a Sautikit outage must never get the server restarted.
 */
@ApplicationScoped
public class ReadinessChecks {

    @Resource(lookup = "java:jboss/datasources/ThibitishaDS")
    DataSource dataSource;
    /** The plain in-VM factory: the pooled JmsXA one is for sending inside transactions. */
    @Resource(lookup = "java:/ConnectionFactory")
    ConnectionFactory connectionFactory;
    @Resource(lookup = "java:/jms/queue/ThibitishaCalls")
    Queue calls;

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

    /** The broker takes dial orders: a session on it opens and the dial queue can be looked at. */
    @Produces
    @Readiness
    HealthCheck broker() {
        return () -> {
            try (JMSContext jms = connectionFactory.createContext(); QueueBrowser browser = jms.createBrowser(calls)) {
                browser.getEnumeration();
                return HealthCheckResponse.named("broker").up().build();
            } catch (Exception e) {
                return HealthCheckResponse.named("broker").down().withData("error", e.getClass().getSimpleName()).build();
            }
        };
    }
}
