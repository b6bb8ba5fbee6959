package ke.thibitisha.it;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import java.io.File;

/** The archive the Arquillian tests deploy: the real WAR the build produced, nothing added or mocked. */
final class Deployments {

    private Deployments() {
    }

    static WebArchive thibitisha() {
        // the server under test is configured to call the simulator: it must be listening before anything is
        // deployed, also for in-container tests that only reach it over HTTP
        Sautikit.simulator();
        Daraja.simulator();
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("thibitisha.war",
                "target/thibitisha.war")));
    }
}
