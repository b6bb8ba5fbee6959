package ke.thibitisha.dialer;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptors;
import ke.thibitisha.platform.EntryPointFailures;
import ke.thibitisha.platform.Settings;

import java.time.Instant;
import java.util.logging.Logger;

/**
 * The dialling node's housekeeping, every 5 s on every node but done only where the dialer runs (the clustered
 * singleton's elected node, {@link DialingNode}), so once in the cluster: re-attach live calls nobody holds
 * ({@link CallAdoption}), right after taking dialling over from another node give every waiting payment a new
 * order (the old ones are in that node's journal), and, every {@code DIALER_SWEEP_INTERVAL}, give payments that
 * lost their dial order a new one ({@link OrderSweep}).
 */
@Singleton
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DialingDuty {

    private static final Logger LOG = Logger.getLogger(DialingDuty.class.getName());

    @Inject
    DialingNode nodes;
    @Inject
    CallAdoption adoption;
    @Inject
    CallSlots slots;
    @Inject
    OrderSweep sweep;
    @Inject
    Settings settings;

    private Instant nextSweep = Instant.EPOCH;
    private boolean dialling;
    /** The other node this one last saw dialling, while it did not dial itself. */
    private String lastDialler;

    @Interceptors(EntryPointFailures.class)
    @Schedule(hour = "*", minute = "*", second = "*/5", persistent = false, info = "thibitisha-dialing-duty")
    void tick() {
        boolean here = nodes.dialsHere();
        if (here != dialling) {
            dialling = here;
            LOG.info(() -> here ? "this node (" + nodes.thisNode() + ") dials now" : "this node (" + nodes.thisNode()
                    + ") no longer dials; " + nodes.dialling().map(n -> n + " does").orElse("no node dials right now"));
        }
        if (!here) {
            nodes.dialling().filter(n -> !n.equals(nodes.thisNode())).ifPresent(n -> lastDialler = n);
            return;
        }
        adoption.adopt();
        if (lastDialler != null) {
            takeOverOrdersOf(lastDialler);
            lastDialler = null;
        }
        if (Instant.now().isAfter(nextSweep) && slots.free() > 0) {
            nextSweep = Instant.now().plus(settings.sweepInterval());
            int requeued = sweep.sweep(settings.sweepAge());
            if (requeued > 0) {
                LOG.warning(() -> requeued + " payments had no dial order for over " + settings.sweepAge() + "; queued again");
            }
        }
    }

    /**
     * Dialling moved here from a node that left: the orders in its journal wait for its return, which may never
     * come. Re-attaching its live calls (just done) comes first, so they count against the cap before the new
     * orders take slots.
     */
    private void takeOverOrdersOf(String previous) {
        long begin = System.nanoTime();
        int requeued = sweep.sweepAfterTakeover(Instant.now());
        LOG.info(() -> String.format("dialling moved here from %s: %d payments waiting to be dialled got a new order "
                + "(%d ms); the orders %s still holds find them moved on", previous, requeued,
                (System.nanoTime() - begin) / 1_000_000, previous));
    }
}
