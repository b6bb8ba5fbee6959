package ke.thibitisha.it;

import jakarta.json.JsonObject;
import ke.thibitisha.sim.daraja.DarajaPayloads;
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
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Stored payments survive the server reloading everything: datasource, database file, broker, deployment. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RestartIT {

    @ArquillianResource
    ManagementClient management;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.thibitisha();
    }

    @Test
    void paymentsSurviveAReload() throws Exception {
        String callback = DarajaPayloads.stkSuccess(4321, App.newMsisdn());
        String checkout = DarajaPayloads.checkoutRequestIdOf(callback);
        assertEquals(200, App.stk(callback).statusCode());
        JsonObject before = App.awaitPayment(checkout, App.status("ACKNOWLEDGED"), Duration.ofSeconds(20));

        ModelNode reload = new ModelNode();
        reload.get("operation").set("reload");
        reload.get("address").setEmptyList();
        management.getControllerClient().execute(reload);
        awaitRunning();

        JsonObject after = App.awaitPayment(checkout, p -> true, Duration.ofSeconds(30));
        assertEquals(before.getInt("id"), after.getInt("id"));
        assertEquals("ACKNOWLEDGED", after.getString("status"));
        assertEquals(before.getString("receipt"), after.getString("receipt"));
        assertEquals(before.getJsonArray("audit_trail").size(), after.getJsonArray("audit_trail").size());
    }

    private void awaitRunning() {
        ModelNode state = new ModelNode();
        state.get("operation").set("read-attribute");
        state.get("name").set("server-state");
        state.get("address").setEmptyList();
        Instant deadline = Instant.now().plusSeconds(60);
        App.sleep(1000);
        while (Instant.now().isBefore(deadline)) {
            try {
                if ("running".equals(management.getControllerClient().execute(state).get("result").asString())) {
                    return;
                }
            } catch (Exception stillReloading) {
                // the management connection drops while the server reloads
            }
            App.sleep(500);
        }
        throw new AssertionError("server did not come back within 60 s");
    }
}
