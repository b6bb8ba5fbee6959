package ke.thibitisha.it;

import ke.thibitisha.sim.daraja.DarajaPayloads;
import ke.thibitisha.sim.sautikit.CallScript;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Contract §5: no phone number and no {@code BillRefNumber} in any log line, after full call flows of every kind. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class LogScanIT {

    /** A Kenyan mobile number in any of its forms, not part of a longer run of digits or letters. */
    private static final Pattern PHONE = Pattern.compile("(?<![0-9A-Za-z])(\\+?254|0)[17]\\d{8}(?![0-9A-Za-z])");

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.thibitisha();
    }

    @Test
    void serverLogHoldsNoUnmaskedPhoneNumber() throws Exception {
        String acknowledged = App.newMsisdn();
        String busy = App.newMsisdn();
        Sautikit.simulator().script("+" + busy, CallScript.busy());
        App.stk(DarajaPayloads.stkSuccess(150, acknowledged));
        App.stk(DarajaPayloads.stkSuccess(250, busy));
        App.stk("{\"Body\":{\"stkCallback\":{\"CheckoutRequestID\":\"ws_CO_x\",\"ResultCode\":0,\"CallbackMetadata\":"
                + "{\"Item\":[{\"Name\":\"PhoneNumber\",\"Value\":" + acknowledged + "}]}}}}"); // invalid: no Amount
        App.asOps("PUT", "/api/customers/LOG-1", "application/json", "{\"phone\":\"+" + acknowledged + "\"}");
        Sautikit.awaitSettledCalls("+" + acknowledged, 1, Duration.ofSeconds(20));
        Sautikit.awaitSettledCalls("+" + busy, 3, Duration.ofSeconds(40));
        App.sleep(1000);

        Path log = Path.of(System.getProperty("jboss.home"), "standalone", "log", "server.log");
        List<String> lines = Files.readAllLines(log);
        assertTrue(lines.size() > 100, "the log was found and has the run in it");
        assertTrue(lines.stream().anyMatch(l -> l.contains("+2547****")), "masked numbers are logged");
        List<String> leaks = lines.stream().filter(l -> PHONE.matcher(l).find()).toList();
        assertEquals(List.of(), leaks.stream().limit(5).toList(), leaks.size() + " log lines hold a phone number");
        Matcher selfCheck = PHONE.matcher("to +" + busy + " failed");
        assertTrue(selfCheck.find(), "the pattern finds a number when there is one");
    }

    @Test
    void serverLogHoldsNoAccountNumber() throws Exception {
        String known = "ACC" + App.newMsisdn().substring(4);
        String unknown = "NOENT" + App.newMsisdn().substring(4);
        String msisdn = App.newMsisdn();
        assertEquals(201, App.asOps("PUT", "/api/customers/" + known, "application/json",
                "{\"phone\":\"+" + msisdn + "\"}").statusCode());
        assertEquals(200, App.c2bConfirmation(DarajaPayloads.c2bConfirmationMasked("100.00", known, msisdn)).statusCode());
        assertEquals(200, App.c2bConfirmation(DarajaPayloads.c2bConfirmationMasked("100.00", unknown, msisdn)).statusCode());
        Sautikit.awaitSettledCalls("+" + msisdn, 1, Duration.ofSeconds(20));
        App.sleep(1000);

        Path log = Path.of(System.getProperty("jboss.home"), "standalone", "log", "server.log");
        List<String> leaks = Files.readAllLines(log).stream()
                .filter(l -> l.toUpperCase().contains(known) || l.toUpperCase().contains(unknown)).toList();
        assertEquals(List.of(), leaks.stream().limit(5).toList(), leaks.size() + " log lines hold a BillRefNumber");
    }
}
