package ke.thibitisha.dialer;

import jakarta.enterprise.context.ApplicationScoped;
import ke.thibitisha.payments.MaskedFailure;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Which node dials. The dialer MDB is a clustered singleton (WEB-INF/jboss-ejb3.xml): WildFly's singleton
 * subsystem elects one node of the cluster to run it, and publishes the election in its management model
 * ({@code /subsystem=singleton/singleton-policy=default/service=org.wildfly.ejb3.clustered.singleton}:
 * {@code primary-provider}, {@code is-primary}), read here over the platform MBean server. A single node
 * (standalone-full, a local singleton policy) is its own primary provider.
 */
@ApplicationScoped
public class DialingNode {

    private static final Logger LOG = Logger.getLogger(DialingNode.class.getName());
    private static final String SERVICE = "org.wildfly.ejb3.clustered.singleton";

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private volatile boolean warned;

    /** This node's name ({@code jboss.node.name}), as the cluster and the logs know it. */
    public String thisNode() {
        return System.getProperty("jboss.node.name", "localhost");
    }

    /** The node the dialer runs on, when the election can be read. */
    public Optional<String> dialling() {
        return read("primaryProvider").map(Object::toString);
    }

    /** Whether the dialer runs here; when the election cannot be read, a node assumes it may be the one. */
    public boolean dialsHere() {
        return read("isPrimary").map(Boolean.TRUE::equals).orElse(true);
    }

    private Optional<Object> read(String attribute) {
        try {
            String policy = String.valueOf(server.getAttribute(new ObjectName("jboss.as:subsystem=singleton"), "default"));
            return Optional.ofNullable(server.getAttribute(new ObjectName("jboss.as:subsystem=singleton,singleton-policy="
                    + policy + ",service=" + SERVICE), attribute));
        } catch (JMException | RuntimeException e) {
            if (!warned) {
                warned = true;
                LOG.warning(() -> "cannot read the dialer's singleton election (" + MaskedFailure.describe(e)
                        + "); this node counts as the dialling one");
            }
            return Optional.empty();
        }
    }
}
