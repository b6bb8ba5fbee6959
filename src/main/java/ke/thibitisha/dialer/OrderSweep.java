package ke.thibitisha.dialer;

import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import ke.thibitisha.payments.Payment;
import ke.thibitisha.payments.PaymentRepository;
import ke.thibitisha.payments.PaymentStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Closes the window where a committed payment has no dial order: its order went to the dead-letter queue, was
 * in the journal of a node that died with its disk, or was removed by an operator. A payment waiting to be
 * dialled (QUEUED, RETRY_SCHEDULED) whose latest order was due longer than {@code DIALER_SWEEP_AGE} ago, and
 * which has not moved since, gets a new order for the attempt it is waiting for. Run by the dialling node only
 * ({@link DialingDuty}), and not while every slot is busy (then orders are waiting for a line, not lost).
 * <p>
 * It can never cause a second call. An order names a payment and an attempt; the attempt is created once
 * (unique per payment and number) and the dialer holds it once, so a second order for the same attempt finds
 * it under way (nothing to do), ended (only settles the payment), or the payment moved on (ignored). A call is
 * only placed with the attempt's own Idempotency-Key. So the guess "this order is lost" may be wrong (an order
 * still in a long backlog) at the cost of one extra message, never of a call.
 */
@Stateless
public class OrderSweep {

    private static final Logger LOG = Logger.getLogger(OrderSweep.class.getName());
    private static final int BATCH = 100;
    /** Any due time: after a takeover, a retry whose order is stranded is re-sent for its own due time. */
    private static final Instant FAR_FUTURE = Instant.parse("9999-01-01T00:00:00Z");

    @Inject
    PaymentRepository payments;
    @Inject
    DialQueue dialQueue;
    @Resource
    SessionContext self;

    /** @return how many payments got a new dial order */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public int sweep(Duration age) {
        Instant cutoff = Instant.now().minus(age);
        OrderSweep tx = self.getBusinessObject(OrderSweep.class);
        int requeued = 0;
        for (Long paymentId : tx.candidates(cutoff)) {
            if (tx.requeue(paymentId, cutoff)) {
                requeued++;
            }
        }
        return requeued;
    }

    /**
     * After dialling moved here from another node that left the cluster: every payment waiting to be dialled
     * whose order was sent before {@code cutoff} gets a new one now (a retry keeps its due time). Those orders wait
     * in the journal of the node that left, which may be back in minutes or never; a node's own queue is empty
     * while another dials (on-demand load balancing routes each order to the consuming node), so this mostly
     * re-creates what is stranded. When the other node returns, its old orders find their payments moved on.
     *
     * @return how many payments got a new dial order
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public int sweepAfterTakeover(Instant cutoff) {
        OrderSweep tx = self.getBusinessObject(OrderSweep.class);
        int requeued = 0;
        long afterId = 0;
        List<Long> batch;
        do {
            batch = tx.candidates(cutoff, FAR_FUTURE, afterId);
            if (!batch.isEmpty()) {
                afterId = batch.get(batch.size() - 1);
                requeued += tx.requeueAll(batch, cutoff);
            }
        } while (batch.size() == BATCH);
        return requeued;
    }

    /** One transaction for a batch: a takeover may find thousands waiting, and each commit costs a journal sync. */
    public int requeueAll(List<Long> paymentIds, Instant cutoff) {
        int requeued = 0;
        for (Long paymentId : paymentIds) {
            if (requeue(paymentId, cutoff, FAR_FUTURE, Level.FINE)) {
                requeued++;
            }
        }
        return requeued;
    }

    public List<Long> candidates(Instant cutoff) {
        return candidates(cutoff, cutoff, 0);
    }

    /** Waiting payments unchanged since {@code cutoff} whose order was due before {@code dueBefore}, by id. */
    public List<Long> candidates(Instant cutoff, Instant dueBefore, long afterId) {
        return payments.waitingForAnOrder(cutoff, dueBefore, afterId, BATCH);
    }

    public boolean requeue(long paymentId, Instant cutoff) {
        return requeue(paymentId, cutoff, cutoff, Level.WARNING);
    }

    /** Gives the payment a new order if it still qualifies, under its row lock; the order keeps the old due time. */
    public boolean requeue(long paymentId, Instant cutoff, Instant dueBefore, Level logLevel) {
        Payment payment = payments.lockPayment(paymentId).orElse(null);
        if (payment == null || (payment.getStatus() != PaymentStatus.QUEUED
                && payment.getStatus() != PaymentStatus.RETRY_SCHEDULED) || !payment.getUpdatedAt().isBefore(cutoff)) {
            return false;
        }
        Instant due = payments.dialOrderDueAt(paymentId).orElse(null);
        if (due != null && !due.isBefore(dueBefore)) {
            return false;
        }
        int attemptNo = waitingAttempt(payment);
        Duration delay = due == null || due.isBefore(Instant.now()) ? Duration.ZERO : Duration.between(Instant.now(), due);
        dialQueue.enqueue(paymentId, attemptNo, delay);
        LOG.log(logLevel, () -> String.format("payment=%d receipt=%s %s and no dial order seen since %s: new order for attempt %d "
                + "(sweep)", paymentId, payment.getReceipt(), payment.getStatus(), due == null ? "before the stamp existed"
                : due, attemptNo));
        return true;
    }

    /** The attempt the payment waits for: its latest, if that one never ended (an empty wallet), else the next. */
    private int waitingAttempt(Payment payment) {
        boolean latestUnended = payments.attempt(payment.getId(), payment.getAttempts())
                .filter(latest -> !latest.getStatus().isTerminal()).isPresent();
        return latestUnended ? payment.getAttempts() : payment.getAttempts() + 1;
    }
}
