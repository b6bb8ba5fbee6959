package ke.thibitisha.it;

import javax.management.ObjectName;
import java.lang.management.ManagementFactory;

/**
 * Stops and starts the dialer MDB's delivery from inside the server (the management model over the platform MBean
 * server: {@code :stop-delivery} / {@code :start-delivery}), for in-container tests that prepare a dead node's state.
 */
final class DialerSwitch {

    private DialerSwitch() {
    }

    static void stop() {
        invoke("stopDelivery");
    }

    static void start() {
        invoke("startDelivery");
    }

    private static void invoke(String operation) {
        try {
            ManagementFactory.getPlatformMBeanServer().invoke(new ObjectName(
                    "jboss.as:deployment=thibitisha.war,subsystem=ejb3,message-driven-bean=DialerMDB"),
                    operation, new Object[0], new String[0]);
        } catch (Exception e) {
            throw new IllegalStateException(operation + " failed", e);
        }
    }
}
