package ke.thibitisha.dialer;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import ke.thibitisha.payments.AttemptStatus;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.logging.Logger;

/**
 * Re-attaches live calls that no dialer thread of this node holds: after a takeover, the calls the dead (or
 * stopping) dialling node left ringing at Sautikit. Each one takes a slot at once and gets a thread of its own
 * that sees it through like a redelivered order (same attempt, same Idempotency-Key: a replay, never a second
 * call), so it counts against the cap until it ends. It runs before every order takes a slot (one indexed
 * query: the first order a node takes after becoming the dialling one finds what it inherits), and every few
 * seconds on the dialling node ({@link DialingDuty}).
 * <p>
 * Dialer threads start an attempt and take hold of it under the read lock, the scan runs under the write lock:
 * the scan never mistakes an attempt this node has just started for somebody else's.
 */
@ApplicationScoped
public class CallAdoption {

    private static final Logger LOG = Logger.getLogger(CallAdoption.class.getName());

    @Inject
    DialerBookkeeping bookkeeping;
    @Inject
    CallCompletions completions;
    @Inject
    CallSlots slots;
    @Inject
    CallPlacer placer;
    @Inject
    DialingPause pause;
    @Resource
    ManagedThreadFactory threads;

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

    /** An attempt this thread holds, and where it learns that the call ended. */
    record Claim(AttemptTicket ticket, CompletableFuture<AttemptStatus> ended) {
    }

    /**
     * Starts (or finds) the attempt an order names and takes hold of it. Empty when there is nothing to do: the
     * payment moved on, or another thread of this node holds the attempt already (a redelivered order for a call
     * it is seeing through).
     */
    Optional<Claim> claim(long paymentId, int attemptNo) {
        lock.readLock().lock();
        try {
            AttemptTicket ticket = bookkeeping.begin(paymentId, attemptNo);
            if (ticket == null) {
                return Optional.empty();
            }
            Optional<CompletableFuture<AttemptStatus>> ended = completions.hold(ticket.attemptId());
            if (ended.isEmpty()) {
                LOG.info(() -> String.format("payment=%d attempt=%d: order delivered again while this node sees the "
                        + "call through; nothing to do", paymentId, attemptNo));
                return Optional.empty();
            }
            return Optional.of(new Claim(ticket, ended.get()));
        } finally {
            lock.readLock().unlock();
        }
    }

    /** @return how many live calls were re-attached */
    public int adopt() {
        lock.writeLock().lock();
        try {
            List<AttemptTicket> live = bookkeeping.liveAttempts();
            int adopted = 0;
            boolean paused = pause.holdBack().isPresent();
            for (AttemptTicket ticket : live) {
                if (paused && ticket.status() == AttemptStatus.REQUESTED) {
                    // its request may never have reached Sautikit (an outage re-queues it so): while nothing is placed,
                    // it cannot push the count over the cap; it is taken up once dialling resumes
                    continue;
                }
                Optional<CompletableFuture<AttemptStatus>> ended = completions.hold(ticket.attemptId());
                if (ended.isEmpty()) {
                    continue;
                }
                slots.adopt();
                adopted++;
                LOG.warning(() -> String.format("payment=%d attempt=%d call_id=%s (%s): live call held by no dialer of "
                                + "this node; re-attached, it counts against the cap until it ends", ticket.paymentId(),
                        ticket.attemptNo(), ticket.callId(), ticket.status()));
                Thread watcher = threads.newThread(() -> {
                    try {
                        placer.seeThrough(new Claim(ticket, ended.get()));
                    } finally {
                        slots.release();
                    }
                });
                watcher.setName("thibitisha-reattached-" + ticket.attemptId());
                watcher.start();
            }
            return adopted;
        } finally {
            lock.writeLock().unlock();
        }
    }
}
