package ke.thibitisha.intake;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import ke.thibitisha.payments.MaskedFailure;
import ke.thibitisha.platform.Settings;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The node's one intake writer (group commit, issue 14). Request threads hand it checked callbacks through a bounded
 * queue; its thread takes whatever is waiting, up to {@code THIBITISHA_INTAKE_GROUP_MAX}, and stores it in one
 * transaction ({@link IntakeGroup}); no timer, so groups grow with the load and a lone callback goes at once. Each
 * request is answered only after its group commits. A group that fails is stored again one callback at a time,
 * so one bad callback fails alone; when the database is unavailable, the queue stays full or the node stops, the
 * callbacks go to the spool instead.
 */
@ApplicationScoped
public class IntakeWriter {

    private static final Logger LOG = Logger.getLogger(IntakeWriter.class.getName());

    @Resource
    ManagedThreadFactory threads;
    @Resource
    ManagedExecutorService answers;
    @Inject
    IntakeGroup group;
    @Inject
    IntakeSpool spool;
    @Inject
    Settings settings;

    private record Pending(CheckedCallback callback, CompletableFuture<IntakeResult> answer) {
    }

    private BlockingQueue<Pending> waiting;
    private int groupMax;
    private long waitMillis;
    private volatile boolean running = true;
    private Thread writer;

    @PostConstruct
    void start() {
        waiting = new ArrayBlockingQueue<>(settings.intakeQueueCapacity());
        groupMax = Math.max(1, settings.intakeGroupMax());
        waitMillis = settings.intakeQueueWaitMillis();
        writer = threads.newThread(this::run);
        writer.setName("intake-writer");
        writer.start();
    }

    /** Whatever is still waiting is spooled, not refused: Daraja never resends (contract §2 rules 3 and 6). */
    @PreDestroy
    void stop() {
        running = false;
        writer.interrupt();
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Pending> left = new ArrayList<>();
        waiting.drainTo(left);
        if (!left.isEmpty()) {
            LOG.warning(() -> "stopping: spooling " + left.size() + " callbacks that were waiting for the intake writer");
            answer(left, spooled(callbacks(left)));
        }
    }

    /**
     * Completes once the callback's group is committed, or once it is spooled: when the node is stopping, or when
     * the queue stays full for {@code THIBITISHA_INTAKE_QUEUE_WAIT_MS} (an overload), so that nothing is refused
     * that can still be kept.
     */
    CompletionStage<IntakeResult> submit(CheckedCallback callback) {
        if (!running) {
            return CompletableFuture.completedFuture(spooled(callback));
        }
        Pending pending = new Pending(callback, new CompletableFuture<>());
        try {
            if (!waiting.offer(pending, waitMillis, TimeUnit.MILLISECONDS)) {
                LOG.warning(() -> "intake queue full for " + waitMillis + " ms: a callback is spooled");
                return CompletableFuture.completedFuture(spooled(callback));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CompletableFuture.completedFuture(spooled(callback));
        }
        if (!running && waiting.remove(pending)) {
            // queued after stop() drained the queue: nobody else will answer it
            return CompletableFuture.completedFuture(spooled(callback));
        }
        return pending.answer();
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(groupMax);
        while (running) {
            try {
                batch.add(waiting.take());
                waiting.drainTo(batch, groupMax - 1);
                store(batch);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException | Error e) {
                LOG.log(Level.SEVERE, "intake writer failed on a group of " + batch.size(), MaskedFailure.of(e));
                batch.forEach(p -> p.answer().complete(IntakeResult.status(500, "not stored")));
            } finally {
                batch.clear();
            }
        }
    }

    private void store(List<Pending> batch) {
        try {
            answer(batch, group.store(callbacks(batch)));
            return;
        } catch (RuntimeException e) {
            if (DatabaseOutage.causes(e)) {
                LOG.warning(() -> "database unavailable (" + MaskedFailure.describe(e) + "): spooling " + batch.size()
                        + " callbacks");
                answer(batch, spooled(callbacks(batch)));
                return;
            }
            LOG.fine(() -> "intake group of " + batch.size() + " rolled back (" + MaskedFailure.describe(e)
                    + "), storing one by one");
        }
        for (int i = 0; i < batch.size(); i++) {
            Optional<IntakeResult> stored = storeAlone(batch.get(i).callback());
            if (stored.isEmpty()) {
                // a group's commit that fails as the database goes away may not say why (ARJUNA012073): the first
                // callback stored alone does, and the rest of the group is then spooled at once, not one by one
                List<Pending> rest = batch.subList(i, batch.size());
                LOG.warning(() -> "database unavailable: spooling the last " + rest.size() + " callbacks of a group of "
                        + batch.size());
                answer(rest, spooled(callbacks(rest)));
                return;
            }
            answer(List.of(batch.get(i)), List.of(stored.get()));
        }
    }

    /**
     * Tried twice: two nodes can insert the same payment at once, and the database's unique key rolls one back;
     * stored again, the loser finds the winner's row and is a duplicate.
     *
     * @return empty when the database is unavailable (the callback is to be spooled)
     */
    private Optional<IntakeResult> storeAlone(CheckedCallback callback) {
        RuntimeException failure;
        try {
            return Optional.of(group.store(List.of(callback)).get(0));
        } catch (RuntimeException first) {
            failure = first;
        }
        if (!DatabaseOutage.causes(failure)) {
            try {
                return Optional.of(group.store(List.of(callback)).get(0));
            } catch (RuntimeException second) {
                failure = second;
            }
        }
        if (DatabaseOutage.causes(failure)) {
            return Optional.empty();
        }
        LOG.log(Level.SEVERE, callback.request().kind() + " callback for paybill " + callback.request().shortcode()
                + " could not be stored", MaskedFailure.of(failure));
        return Optional.of(IntakeResult.status(500, "not stored"));
    }

    private IntakeResult spooled(CheckedCallback callback) {
        return spooled(List.of(callback)).get(0);
    }

    /** All kept in one broker transaction, or none. */
    private List<IntakeResult> spooled(List<CheckedCallback> callbacks) {
        if (spool.keep(callbacks.stream().map(CheckedCallback::request).toList())) {
            return callbacks.stream().map(CheckedCallback::answerWhenSpooled).toList();
        }
        LOG.severe(() -> callbacks.size() + " callbacks (the first: " + callbacks.get(0).request().kind()
                + " for paybill " + callbacks.get(0).request().shortcode()
                + "): database and spool both unavailable, answered 503, not stored");
        return callbacks.stream().map(c -> IntakeResult.status(503, "database and spool unavailable, not stored"))
                .toList();
    }

    private static List<CheckedCallback> callbacks(List<Pending> batch) {
        return batch.stream().map(Pending::callback).toList();
    }

    /** Off the writer's thread, so that it starts on the next group while the answers are written. */
    private void answer(List<Pending> batch, List<IntakeResult> results) {
        List<Pending> group = List.copyOf(batch);
        Runnable complete = () -> {
            for (int i = 0; i < group.size(); i++) {
                group.get(i).answer().complete(results.get(i));
            }
        };
        try {
            answers.execute(complete);
        } catch (RejectedExecutionException e) {
            complete.run();
        }
    }
}
