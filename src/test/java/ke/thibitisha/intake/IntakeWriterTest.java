package ke.thibitisha.intake;

import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import ke.thibitisha.platform.MapConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.sql.SQLTransientConnectionException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Contract §2 rules 3 and 6: a callback that passed the token check is never refused while it can still be kept.
 * When the writer's queue stays full, or the node is stopping, the callback goes to the spool and is answered.
 * The database side is a stand-in that holds the writer inside a group until the test lets it go.
 */
class IntakeWriterTest {

    private final HeldGroup group = new HeldGroup();
    private final KeptSpool spool = new KeptSpool();
    private IntakeWriter writer;

    @AfterEach
    void release() {
        group.release.countDown();
    }

    @Test
    void aCallbackThatFindsTheQueueFullIsSpooledAndAnswered() throws Exception {
        writer = writer(1, 50);
        CompletionStage<IntakeResult> first = writer.submit(paid("1"));
        assertTrue(group.entered.await(5, TimeUnit.SECONDS), "the writer holds the first group");
        CompletionStage<IntakeResult> second = writer.submit(paid("2")); // fills the queue of one
        IntakeResult third = answer(writer.submit(paid("3")));

        assertEquals(200, third.status());
        assertEquals(List.of("ws_CO_3"), spool.kept);
        group.release.countDown();
        assertEquals(200, answer(first).status());
        assertEquals(200, answer(second).status());
        assertEquals(List.of("ws_CO_3"), spool.kept, "only the callback that found no room is spooled");
        writer.stop();
    }

    @Test
    void callbacksStillWaitingWhenTheNodeStopsAreSpooled() throws Exception {
        writer = writer(10, 50);
        CompletionStage<IntakeResult> first = writer.submit(paid("1"));
        assertTrue(group.entered.await(5, TimeUnit.SECONDS));
        CompletionStage<IntakeResult> waiting = writer.submit(paid("2"));
        Thread stopping = new Thread(writer::stop);
        stopping.start();
        Thread.sleep(100);
        group.release.countDown(); // the group in progress finishes; the writer then stops
        stopping.join(15_000);

        assertEquals(200, answer(first).status());
        assertEquals(200, answer(waiting).status());
        assertEquals(List.of("ws_CO_2"), spool.kept);
        assertEquals(200, answer(writer.submit(paid("3"))).status(), "a callback after the stop is spooled too");
        assertEquals(List.of("ws_CO_2", "ws_CO_3"), spool.kept);
    }

    @Test
    void aGroupThatFindsTheDatabaseDownIsSpooledInOneBrokerTransaction() throws Exception {
        group.databaseDown = true;
        oneGroupHeldThenThreeWaitingAreAnswered();

        assertEquals(List.of(List.of("ws_CO_1"), List.of("ws_CO_2", "ws_CO_3", "ws_CO_4")), spool.transactions,
                "one broker transaction per group, not one per callback");
    }

    @Test
    void aGroupRolledBackWithoutSayingWhyIsSpooledAtOnceWhenItsFirstCallbackFindsTheDatabaseDown() throws Exception {
        group.databaseDown = true;
        group.groupsRollBackWithoutCause = true;
        oneGroupHeldThenThreeWaitingAreAnswered();

        assertEquals(List.of(List.of("ws_CO_1"), List.of("ws_CO_2", "ws_CO_3", "ws_CO_4")), spool.transactions);
        assertEquals(List.of(1, 3, 1), group.sizes, "the group, then its first callback alone, which finds it down");
    }

    /** Callback 1 is a group of its own, held; 2, 3 and 4 wait and so form the next group. All answered 200. */
    private void oneGroupHeldThenThreeWaitingAreAnswered() throws Exception {
        writer = writer(10, 50);
        CompletionStage<IntakeResult> first = writer.submit(paid("1"));
        assertTrue(group.entered.await(5, TimeUnit.SECONDS));
        List<CompletionStage<IntakeResult>> all = List.of(first, writer.submit(paid("2")), writer.submit(paid("3")),
                writer.submit(paid("4")));
        group.release.countDown();
        for (CompletionStage<IntakeResult> callback : all) {
            assertEquals(200, answer(callback).status());
        }
        writer.stop();
    }

    private IntakeWriter writer(int capacity, int waitMillis) {
        IntakeWriter writer = new IntakeWriter();
        writer.threads = (ManagedThreadFactory) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{ManagedThreadFactory.class}, (proxy, method, args) -> new Thread((Runnable) args[0]));
        writer.answers = (ManagedExecutorService) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{ManagedExecutorService.class}, (proxy, method, args) -> {
                    ((Runnable) args[0]).run(); // execute(Runnable), the only method the writer uses
                    return null;
                });
        writer.group = group;
        writer.spool = spool;
        writer.settings = MapConfig.settings(Map.of("thibitisha.intake.queue.capacity", Integer.toString(capacity),
                "thibitisha.intake.queue.wait.ms", Integer.toString(waitMillis)));
        writer.start();
        return writer;
    }

    private static IntakeResult answer(CompletionStage<IntakeResult> answer) throws Exception {
        return answer.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static CheckedCallback paid(String id) {
        String body = """
                {"Body":{"stkCallback":{"MerchantRequestID":"m-%1$s","CheckoutRequestID":"ws_CO_%1$s","ResultCode":0,
                "ResultDesc":"ok","CallbackMetadata":{"Item":[{"Name":"Amount","Value":10},
                {"Name":"MpesaReceiptNumber","Value":"RXA123456%1$s"},{"Name":"PhoneNumber","Value":254708374149}]}}}}"""
                .formatted(id);
        InboundRequest request = new InboundRequest(CallbackKind.STK, "174379", "196.201.214.200", "application/json", "",
                body.getBytes(StandardCharsets.UTF_8), false, Instant.now());
        return CallbackCheck.check(request, List.of(), Set.of("KE"));
    }

    /** Stores every group (or finds the database down), the first one only once the test releases it. */
    private static final class HeldGroup extends IntakeGroup {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        volatile boolean databaseDown;
        /** A group of several fails as a commit can when the database goes away: without naming the cause. */
        volatile boolean groupsRollBackWithoutCause;
        final List<Integer> sizes = new CopyOnWriteArrayList<>();

        @Override
        public List<IntakeResult> store(List<CheckedCallback> callbacks) {
            entered.countDown();
            boolean released = false;
            while (!released) {
                try {
                    released = release.await(10, TimeUnit.SECONDS); // a database call does not end on an interrupt
                } catch (InterruptedException e) {
                    // as JDBC would, go on until the work is done
                }
            }
            sizes.add(callbacks.size());
            if (groupsRollBackWithoutCause && callbacks.size() > 1) {
                throw new IllegalStateException("ARJUNA012073: BasicAction.End() - prepare phase failed");
            }
            if (databaseDown) {
                throw new IllegalStateException(new SQLTransientConnectionException("Connection refused"));
            }
            return callbacks.stream().map(c -> IntakeResult.accepted()).toList();
        }
    }

    private static final class KeptSpool extends IntakeSpool {
        final List<String> kept = new CopyOnWriteArrayList<>();
        final List<List<String>> transactions = new CopyOnWriteArrayList<>();

        @Override
        boolean keep(List<InboundRequest> requests) {
            List<String> ids = requests.stream().map(request -> new String(request.body(), StandardCharsets.UTF_8)
                    .replaceAll("(?s).*\"CheckoutRequestID\":\"([^\"]+)\".*", "$1")).toList();
            kept.addAll(ids);
            transactions.add(ids);
            return true;
        }
    }
}
