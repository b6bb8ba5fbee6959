package ke.thibitisha.dialer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import ke.thibitisha.platform.Settings;

/**
 * The cap on calls in flight, counted on the dialling node. Dialer threads take a slot before they start an
 * attempt; a live call this node re-attaches (a dead node's, see {@link CallAdoption}) takes one at once, even
 * above the cap, because it is already ringing: it can only make new calls wait. The MDB pool (same size) would
 * be the cap on its own if every live call had a dialer thread of this node behind it; after a takeover some do not.
 */
@ApplicationScoped
public class CallSlots {

    @Inject
    Settings settings;

    private int inUse;

    /** Waits for a free slot. */
    public void acquire() {
        acquire(settings.maxConcurrentCalls());
    }

    synchronized void acquire(int cap) {
        while (inUse >= cap) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("dialer interrupted while waiting for a call slot", e);
            }
        }
        inUse++;
    }

    /** Counts a call that is live already (re-attached): never waits. */
    public synchronized void adopt() {
        inUse++;
    }

    public synchronized void release() {
        inUse--;
        notifyAll();
    }

    public synchronized int inUse() {
        return inUse;
    }

    public synchronized int free() {
        return Math.max(0, settings.maxConcurrentCalls() - inUse);
    }
}
