package ke.thibitisha.platform;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.logging.Logger;

/** Brings the database schema up to date (Flyway, {@code db/migration}) when the application starts. */
@Startup
@Singleton
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SchemaMigration {

    private static final Logger LOG = Logger.getLogger(SchemaMigration.class.getName());

    @Resource(lookup = "java:jboss/datasources/ThibitishaDS")
    DataSource dataSource;

    @PostConstruct
    void migrate() {
        MigrateResult result = Flyway.configure(getClass().getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration", "classpath:db/vendor/" + vendor())
                // In the cluster profile JGroups creates its discovery table (JGROUPSPING) before the first
                // deployment: a schema holding only that table is still new, so every migration applies.
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
        LOG.info(() -> String.format("database schema at version %s (%d migrations applied now)",
                result.targetSchemaVersion == null ? "unchanged" : result.targetSchemaVersion,
                result.migrationsExecuted));
    }

    /** db/vendor/h2 or db/vendor/postgresql: the few statements the two databases spell differently (V31). */
    private String vendor() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres")
                    ? "postgresql" : "h2";
        } catch (SQLException e) {
            throw new IllegalStateException("database unavailable at start", e);
        }
    }
}
