package ke.thibitisha.it;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import java.io.File;

/** The archive the Arquillian tests deploy: the real WAR the build produced, nothing added or mocked. */
final class Deployments {

    private Deployments() {
    }

    static WebArchive thibitisha() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("thibitisha.war",
                "target/thibitisha.war")));
    }
}
