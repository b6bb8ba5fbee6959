package ke.thibitisha.it;

import ke.thibitisha.sim.daraja.DarajaPayloads;
import ke.thibitisha.sim.sautikit.CallScript;
import ke.thibitisha.sim.sautikit.SautikitSimulator;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.dmr.ModelNode;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DIALER_MAX_CONCURRENT_CALLS is read when the WAR is deployed (jboss-ejb3.xml expressions): set to 3,
 * a burst never has more than 3 calls in flight at Sautikit.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CapIT {

    private static final String CAPPED = "capped";

    @ArquillianResource
    ManagementClient management;
    @ArquillianResource
    Deployer deployer;

    @Deployment(name = CAPPED, managed = false, testable = false)
    static WebArchive deployment() {
        return Deployments.thibitisha();
    }

    @Test
    void capOfThreeHoldsThreeCallsInFlight() throws Exception {
        systemProperty("add", "3");
        try {
            deployer.deploy(CAPPED);
            SautikitSimulator sim = Sautikit.simulator();
            assertTrue(sim.awaitTerminal(sim.calls().size(), Duration.ofSeconds(30)), "earlier calls still running");
            sim.reset();
            List<String> callbacks = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                String msisdn = App.newMsisdn();
                sim.script("+" + msisdn, CallScript.answer(20, 400).pressing("1"));
                callbacks.add(DarajaPayloads.stkSuccess(10 + i, msisdn));
            }
            DialerDelivery.stop(management);
            try {
                ExecutorService senders = Executors.newFixedThreadPool(8);
                List<Future<Integer>> answers = callbacks.stream().map(c -> senders.submit(() -> App.stk(c).statusCode())).toList();
                for (Future<Integer> answer : answers) {
                    assertEquals(200, answer.get());
                }
                senders.shutdown();
            } finally {
                DialerDelivery.start(management);
            }
            assertTrue(sim.awaitTerminal(24, Duration.ofSeconds(60)), "24 calls within 60 s");
            assertEquals(3, sim.maxInFlight());
        } finally {
            deployer.undeploy(CAPPED);
            systemProperty("remove", null);
        }
    }

    private void systemProperty(String operation, String value) throws Exception {
        ModelNode op = new ModelNode();
        op.get("operation").set(operation);
        op.get("address").add("system-property", "dialer.max.concurrent.calls");
        if (value != null) {
            op.get("value").set(value);
        }
        ModelNode result = management.getControllerClient().execute(op);
        assertEquals("success", result.get("outcome").asString(), result.toString());
    }
}
