package ke.thibitisha.platform;

import jakarta.annotation.Resource;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.interceptor.Interceptors;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * A cluster node must not share its name with a live member: the name is its transaction node identifier, so two
 * nodes of one name would recover (and clean up) each other's transactions. {@code bin/standalone.conf} refuses a
 * missing or malformed name before the JVM starts; whether the name is taken only the cluster knows. JGroups lets
 * a second member of the same logical name join, and its view (the {@code ee} channel's, read from WildFly's
 * management model) then lists the name twice. The first view a node sees after it joined decides: if its own name
 * is in it twice, this node is the newcomer, and it stops at once with one line saying what to set. (Its twin saw
 * itself alone or among others first, so it never stops for this.) On a single node (no JGroups) nothing is checked.
 */
@Singleton
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class UniqueNodeName {

    private static final Logger LOG = Logger.getLogger(UniqueNodeName.class.getName());
    private static final String CHANNEL = "jboss.as:subsystem=jgroups,channel=ee";

    @Resource
    ManagedThreadFactory threads;

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private boolean decided;

    @Interceptors(EntryPointFailures.class)
    @Schedule(hour = "*", minute = "*", second = "*", persistent = false, info = "thibitisha-unique-node-name")
    void check() {
        if (decided) {
            return;
        }
        Optional<String> view = view();
        if (view.isEmpty()) {
            return;
        }
        decided = true;
        String name = System.getProperty("jboss.node.name", "");
        long same = members(view.get()).stream().filter(name::equals).count();
        if (same > 1) {
            LOG.severe(() -> "node name '" + name + "' is already used by a live member of the cluster (view " + view.get()
                    + "): start this node with a name of its own, -Djboss.node.name=NAME (letters, digits and -, at most "
                    + "23 characters, unique among the nodes); stopping");
            // not on this timer's thread: the server's stop waits for running timeouts
            threads.newThread(() -> System.exit(1)).start();
        }
    }

    /** The member names of a view such as {@code [a(v=16.0.5)|3] (2) [a(v=16.0.5), b(v=16.0.5)]}: a, b. */
    static List<String> members(String view) {
        int open = view.lastIndexOf('[');
        int close = view.lastIndexOf(']');
        if (open < 0 || close < open) {
            return List.of();
        }
        // Infinispan's addresses append the version it runs to the node's name
        return Arrays.stream(view.substring(open + 1, close).split(",")).map(String::strip)
                .map(member -> member.contains("(") ? member.substring(0, member.indexOf('(')) : member)
                .filter(s -> !s.isEmpty()).toList();
    }

    /** The ee channel's current view; empty while it is not connected. */
    private Optional<String> view() {
        try {
            return Optional.ofNullable(server.getAttribute(new ObjectName(CHANNEL), "view")).map(Object::toString);
        } catch (javax.management.InstanceNotFoundException e) {
            decided = true; // no JGroups: a single node
            return Optional.empty();
        } catch (JMException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
