package ke.thibitisha.dialer;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import ke.thibitisha.platform.Settings;

import java.time.Instant;
import java.util.logging.Logger;

/**
 * The dialling node's housekeeping, every 5 s on every node but done only where the dialer runs (the clustered
 * singleton's elected node, {@link DialingNode}), so once in the cluster: re-attach live calls nobody holds
 * ({@link CallAdoption}), and, every {@code DIALER_SWEEP_INTERVAL}, give payments that lost their dial order a
 * new one ({@link OrderSweep}).
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

    @Schedule(hour = "*", minute = "*", second = "*/5", persistent = false, info = "thibitisha-dialing-duty")
    void tick() {
        boolean here = nodes.dialsHere();
        if (here != dialling) {
            dialling = here;
            LOG.info(() -> here ? "this node (" + nodes.thisNode() + ") dials now" : "this node (" + nodes.thisNode()
                    + ") no longer dials; " + nodes.dialling().map(n -> n + " does").orElse("no node dials right now"));
        }
        if (!here) {
            return;
        }
        adoption.adopt();
        if (Instant.now().isAfter(nextSweep) && slots.free() > 0) {
            nextSweep = Instant.now().plus(settings.sweepInterval());
            int requeued = sweep.sweep(settings.sweepAge());
            if (requeued > 0) {
                LOG.warning(() -> requeued + " payments had no dial order for over " + settings.sweepAge() + "; queued again");
            }
        }
    }
}
