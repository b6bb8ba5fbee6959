package ke.thibitisha.it;

import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.dmr.ModelNode;

/**
 * Stops and starts the dialer MDB's delivery through the management API (what an operator does with
 * {@code :stop-delivery}), so a test can build a real backlog before the dialer sees any of it.
 */
final class DialerDelivery {

    private DialerDelivery() {
    }

    static void stop(ManagementClient management) {
        execute(management, "stop-delivery");
    }

    static void start(ManagementClient management) {
        execute(management, "start-delivery");
    }

    private static void execute(ManagementClient management, String operation) {
        ModelNode op = new ModelNode();
        op.get("operation").set(operation);
        op.get("address").add("deployment", "thibitisha.war").add("subsystem", "ejb3")
                .add("message-driven-bean", "DialerMDB");
        try {
            ModelNode result = management.getControllerClient().execute(op);
            if (!"success".equals(result.get("outcome").asString())) {
                throw new AssertionError(operation + " failed: " + result);
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(operation + " failed", e);
        }
    }
}
