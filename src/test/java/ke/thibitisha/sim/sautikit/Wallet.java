package ke.thibitisha.sim.sautikit;

import java.util.concurrent.atomic.AtomicLong;

/** The workspace's prepaid balance in minor units (100 = KES 1.00). At zero or below, calls are refused with 402. */
public final class Wallet {

    private final AtomicLong balanceMinor;

    Wallet(long initialMinor) {
        this.balanceMinor = new AtomicLong(initialMinor);
    }

    public long balanceMinor() {
        return balanceMinor.get();
    }

    public void setBalanceMinor(long minor) {
        balanceMinor.set(minor);
    }

    boolean isEmpty() {
        return balanceMinor.get() <= 0;
    }

    /** One atomic ledger entry at hangup; may take the balance below zero, as a call already made must be paid. */
    void debit(long minor) {
        balanceMinor.addAndGet(-minor);
    }
}
