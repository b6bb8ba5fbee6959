package ke.thibitisha.it;

import jakarta.annotation.Resource;
import jakarta.json.JsonObject;
import jakarta.transaction.UserTransaction;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.naming.InitialContext;
import javax.sql.DataSource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Issue 15 defect 5 ("the cap exceeded on one node"): a call that may be live keeps its slot. Two paths beside the
 * failed hang-up of {@code DialerIT}: a database write that fails after {@code POST /v1/calls} created the call, and
 * a {@code POST /v1/calls} that Sautikit processed but answered after the read timeout.
 * <p>
 * Runs inside the server: the test holds a row lock with its own JDBC connection on the application's datasource
 * (the H2 file database can only be opened by the server), and changes settings the application reads on every use
 * (system properties, as an operator would; restored afterwards). The cap is set to 1 while the MDB pool stays at its
 * deploy-time 8, so that a second payment's order is taken by a dialer thread and waits for the one slot: the slots
 * alone keep the cap, and a slot given back while the first call rings lets the second call be placed at once.
 * Sautikit is the simulator of the test JVM, driven over its {@code /_sim} control plane.
 */
@ExtendWith(ArquillianExtension.class)
class LiveCallSlotIT {

    private static final String CAP = "dialer.max.concurrent.calls";
    private static final String HOLD_TIMEOUT = "dialer.call.hold.timeout";
    private static final String READ_TIMEOUT = "sautikit.read.timeout";
    private static final String BASE_URL = "sautikit.base.url";
    private static final String SIM = "http://127.0.0.1:18089/_sim";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Resource
    UserTransaction tx;

    @Deployment
    static WebArchive deployment() {
        return Deployments.thibitisha().addClasses(LiveCallSlotIT.class, App.class, SimulatorControl.class);
    }

    /**
     * The write that records the placed call (its call id on the attempt row) cannot be made while the call rings: a
     * test connection holds the payment's row lock, so each try of the application waits and fails (H2's lock
     * timeout; on PostgreSQL, which waits for ever, the test cancels the waiting statement). While that lasts the call
     * keeps its slot: the second payment is not dialled and its order is not sent again. Once the lock goes, the
     * payment finishes with the one call.
     */
    @Test
    void aCallWhoseBookkeepingFailsKeepsItsSlotUntilTheWriteSucceeds() throws Exception {
        awaitIdle();
        SimulatorControl.reset();
        String first = App.newMsisdn();
        String second = App.newMsisdn();
        SimulatorControl.script(first, "answer:25000:300:1"); // rings through the whole outage of the database
        SimulatorControl.script(second, "answer:100:300:1");
        // the hold timeout (20 s in the test server) must outlast the 25 s ring counted from the placement, which the
        // failing writes delay by seconds on H2 (its lock timeout) but hardly on PostgreSQL (the test cancels them)
        Map<String, String> saved = set(CAP, "1", HOLD_TIMEOUT, "PT60S");
        String firstCheckout;
        String secondCheckout;
        try {
            slowResponses(1500); // the answer to POST /v1/calls comes late enough to lock the payment row first
            firstCheckout = App.paidStk(first, 610);
            long paymentId = App.payment(firstCheckout).getInt("id");
            tx.setTransactionTimeout(180);
            tx.begin();
            try (Connection lock = dataSource().getConnection()) {
                long attemptId = lockAttemptRow(lock, paymentId);
                slowResponses(0);
                DbWaits waits = new DbWaits(lock);
                secondCheckout = App.paidStk(second, 620); // its order waits for the one slot
                await(() -> SimulatorControl.callsTo(first) == 1, Duration.ofSeconds(20), "the first call placed");

                // the call rings at Sautikit and the write of its id keeps failing: the slot stays taken
                Instant deadline = Instant.now().plusSeconds(60);
                while (!(waits.failed() >= 1 && waits.retriedAfterAFailure()
                        && Instant.now().isAfter(waits.firstFailure().plusSeconds(3)))) {
                    if (Instant.now().isAfter(deadline)) {
                        fail("no write of attempt " + attemptId + " was refused and tried again within 60 s: " + waits);
                    }
                    waits.poll();
                    assertNothingElseDialled(second, "while the first call's bookkeeping fails (" + waits + ")");
                    App.sleep(150);
                }
                assertEquals(1, SimulatorControl.callsTo(first), "the first call is still the only one");
            } finally {
                tx.rollback(); // the database is back: the next try records the call
            }
            App.awaitPayment(firstCheckout, LiveCallSlotIT::settled, Duration.ofSeconds(60));
            App.awaitPayment(secondCheckout, LiveCallSlotIT::settled, Duration.ofSeconds(60));
        } finally {
            slowResponses(0);
            restore(saved);
        }
        JsonObject payment = App.payment(firstCheckout);
        assertEquals(1, payment.getJsonArray("call_attempts").size(), "one attempt: " + payment);
        assertEquals(1, SimulatorControl.callsTo(first), "one call to the first payer");
        assertEquals(1, SimulatorControl.requestsFor(first).size(),
                "one POST /v1/calls: the order was never handed back and sent again");
        assertEquals(1, SimulatorControl.callsTo(second), "the second payment dialled once, after the first call");
        assertEquals(1, SimulatorControl.state().getInt("max_in_flight"), "never more calls in flight than the cap");
    }

    /**
     * Sautikit creates the call but answers {@code POST /v1/calls} only after the application's read timeout (1 s here)
     * until the test lets it answer in time. The hold timeout is 6 s when the placement starts: a placement that
     * gave its slot back at the hold timeout would do so at the first failed request. The request may have created
     * the call, so the slot stays taken: the second payment waits, and the same Idempotency-Key sent again learns the
     * call (a replay), never a second call.
     */
    @Test
    void aPlacementThatTimedOutKeepsItsSlotAndLearnsTheCallByReplay() throws Exception {
        awaitIdle();
        SimulatorControl.reset();
        String first = App.newMsisdn();
        String second = App.newMsisdn();
        SimulatorControl.script(first, "answer:15000:300:1");
        SimulatorControl.script(second, "answer:100:300:1");
        // a new base URL (same simulator) makes the gateway build its client again, with the short read timeout
        Map<String, String> saved = set(CAP, "1", HOLD_TIMEOUT, "PT6S", READ_TIMEOUT, "PT1S",
                BASE_URL, "http://localhost:18089");
        String firstCheckout;
        String secondCheckout;
        try {
            slowResponses(2500);
            firstCheckout = App.paidStk(first, 630);
            await(() -> SimulatorControl.callsTo(first) == 1, Duration.ofSeconds(20), "the first call created");
            secondCheckout = App.paidStk(second, 640); // taken at once by a dialer thread; waits for the slot

            // four requests (the gateway's retries) time out, then at least one more after the pause: past the
            // hold timeout, still the same call, still its slot
            Instant deadline = Instant.now().plusSeconds(60);
            while (SimulatorControl.requestsFor(first).size() < 5) {
                if (Instant.now().isAfter(deadline)) {
                    fail("the first placement was not tried 5 times within 60 s: " + SimulatorControl.requestsFor(first));
                }
                assertNothingElseDialled(second, "while POST /v1/calls times out");
                App.sleep(150);
            }
            assertNothingElseDialled(second, "while POST /v1/calls times out");
            restore(HOLD_TIMEOUT, saved.get(HOLD_TIMEOUT)); // the call itself gets the usual hold timeout
            slowResponses(0);
            App.awaitPayment(firstCheckout, LiveCallSlotIT::settled, Duration.ofSeconds(60));
            App.awaitPayment(secondCheckout, LiveCallSlotIT::settled, Duration.ofSeconds(60));
        } finally {
            slowResponses(0);
            restore(saved);
        }
        List<JsonObject> requests = SimulatorControl.requestsFor(first);
        assertEquals(1, requests.stream().map(r -> r.getString("idempotency_key")).distinct().count(),
                "every request for the first payment carried the same Idempotency-Key: " + requests);
        assertTrue(requests.get(requests.size() - 1).getBoolean("replayed"), "the call was learnt by a replay: " + requests);
        assertEquals(1, SimulatorControl.callsTo(first), "one call to the first payer");
        JsonObject payment = App.payment(firstCheckout);
        assertEquals(1, payment.getJsonArray("call_attempts").size(), "one attempt: " + payment);
        JsonObject attempt = payment.getJsonArray("call_attempts").getJsonObject(0);
        assertTrue(attempt.containsKey("call_id") && !attempt.isNull("call_id"), "call id learnt: " + payment);
        assertEquals(1, SimulatorControl.callsTo(second), "the second payment dialled once, after the first call");
        assertEquals(1, SimulatorControl.state().getInt("max_in_flight"), "never more calls in flight than the cap");
    }

    /**
     * The payment's one call ended and decided it. Whether the simulated payer's key press reached us does not matter
     * here (a voice callback slower than the simulator's 5 s gives NO_RESPONSE): neither outcome dials again.
     */
    private static boolean settled(JsonObject payment) {
        return Set.of("ACKNOWLEDGED", "NO_RESPONSE").contains(payment.getString("status"));
    }

    private static void assertNothingElseDialled(String second, String when) {
        JsonObject state = SimulatorControl.state();
        assertEquals(0, SimulatorControl.callsTo(second), "the second payment dialled " + when + ": " + state);
        assertTrue(state.getInt("in_flight") <= 1, "more calls in flight than the cap of 1 " + when + ": " + state);
    }

    /**
     * Waits for the attempt the dialer has just written (its request is on its way to the slow simulator), then takes
     * its payment's row lock: every writer of a payment and its attempts locks the payment first (the aggregate's
     * root), so the write recording the placed call cannot be made while the test holds it.
     */
    private static long lockAttemptRow(Connection connection, long paymentId) throws SQLException {
        Instant deadline = Instant.now().plusSeconds(20);
        try (PreparedStatement select = connection.prepareStatement(
                "select id, status from call_attempt where payment_id = ? and attempt_no = 1");
             PreparedStatement lock = connection.prepareStatement("select id from payment where id = ? for update")) {
            select.setLong(1, paymentId);
            lock.setLong(1, paymentId);
            while (Instant.now().isBefore(deadline)) {
                try (ResultSet row = select.executeQuery()) {
                    if (row.next()) {
                        long attemptId = row.getLong("id");
                        lock.executeQuery().close();
                        try (ResultSet locked = select.executeQuery()) {
                            assertTrue(locked.next());
                            assertEquals("REQUESTED", locked.getString("status"), "the payment was locked before its call was recorded");
                        }
                        return attemptId;
                    }
                }
                App.sleep(20);
            }
        }
        throw new AssertionError("payment " + paymentId + " got no attempt within 20 s");
    }

    /**
     * The application's statements waiting for a lock the test's connection holds. Each one that stops waiting while
     * the lock is still held has failed. PostgreSQL waits without limit (no lock_timeout is set), so there the test
     * cancels them, as a statement timeout would; H2 gives up by itself (LOCK_TIMEOUT of the IT database).
     */
    private static final class DbWaits {

        private final Connection connection;
        private final boolean postgres;
        private final Map<String, Instant> started = new LinkedHashMap<>();
        private final Map<String, Instant> ended = new LinkedHashMap<>();

        DbWaits(Connection connection) throws SQLException {
            this.connection = connection;
            this.postgres = connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
        }

        void poll() throws SQLException {
            if (postgres) { // pg_stat_activity is read once per transaction unless the snapshot is dropped
                try (PreparedStatement clear = connection.prepareStatement("select pg_stat_clear_snapshot()")) {
                    clear.executeQuery().close();
                }
            }
            Set<String> now = new HashSet<>();
            String sql = postgres
                    ? "select pid, query_start from pg_stat_activity where pg_backend_pid() = any(pg_blocking_pids(pid))"
                    : "select session_id, executing_statement_start from information_schema.sessions where blocker_id = session_id()";
            try (PreparedStatement select = connection.prepareStatement(sql); ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    String wait = rows.getLong(1) + "@" + rows.getObject(2);
                    now.add(wait);
                    started.putIfAbsent(wait, Instant.now());
                    if (postgres) {
                        try (PreparedStatement cancel = connection.prepareStatement("select pg_cancel_backend(?)")) {
                            cancel.setInt(1, rows.getInt(1));
                            cancel.executeQuery().close();
                        }
                    }
                }
            }
            for (String wait : started.keySet()) {
                if (!now.contains(wait) && !ended.containsKey(wait)) {
                    ended.put(wait, Instant.now());
                }
            }
        }

        int failed() {
            return ended.size();
        }

        Instant firstFailure() {
            return ended.values().stream().min(Instant::compareTo).orElseThrow();
        }

        /** Whether a wait began after one had failed: the write was tried again while the call could be live. */
        boolean retriedAfterAFailure() {
            return !ended.isEmpty() && started.values().stream().anyMatch(at -> at.isAfter(firstFailure()));
        }

        @Override
        public String toString() {
            return "lock waits seen " + started.size() + ", failed " + ended.size();
        }
    }

    private static DataSource dataSource() throws Exception {
        return (DataSource) new InitialContext().lookup("java:jboss/datasources/ThibitishaDS");
    }

    /**
     * Sets system properties the application reads on every use, in order (key, value, key, value, ...); returns what
     * they were (null: unset), in the same order.
     */
    private static Map<String, String> set(String... keysAndValues) {
        Map<String, String> saved = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            saved.put(keysAndValues[i], System.getProperty(keysAndValues[i]));
            System.setProperty(keysAndValues[i], keysAndValues[i + 1]);
        }
        return saved;
    }

    /**
     * Puts the earlier values back, in the order they were set: the base URL last, so that the client the gateway
     * builds for it has the usual read timeout again.
     */
    private static void restore(Map<String, String> saved) {
        saved.forEach(LiveCallSlotIT::restore);
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }

    private static void slowResponses(long millis) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(SIM + "/faults?slowMs=" + millis))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("POST /_sim/faults failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void await(BooleanSupplier condition, Duration timeout, String what) {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                fail(what + ": not within " + timeout);
            }
            App.sleep(50);
        }
    }

    /** No call at the simulator and no payment of an earlier test being dialled: the faults hit every request. */
    private static void awaitIdle() {
        await(() -> SimulatorControl.state().getInt("in_flight") == 0, Duration.ofSeconds(30), "earlier calls ended");
        await(() -> {
            JsonObject stats = App.json(App.asOps("GET", "/api/stats", null, null).body());
            return stats.getInt("calls_in_flight") == 0 && stats.getInt("queue_depth") == 0;
        }, Duration.ofSeconds(30), "the dialer idle");
        App.sleep(500); // the follow-up GET /v1/calls/{id} comes within milliseconds of the terminal event
    }
}
