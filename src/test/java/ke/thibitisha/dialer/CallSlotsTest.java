package ke.thibitisha.dialer;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Re-attached calls count against the cap at once, even above it, and new calls wait until they end. */
class CallSlotsTest {

    @Test
    void reattachedCallsMakeNewCallsWaitUntilTheyEnd() throws Exception {
        CallSlots slots = new CallSlots();
        slots.acquire(2);
        slots.adopt();
        slots.adopt(); // three live calls with a cap of two: the inherited ones are already ringing
        assertEquals(3, slots.inUse());

        CompletableFuture<Void> next = CompletableFuture.runAsync(() -> slots.acquire(2));
        assertThrows(TimeoutException.class, () -> next.get(300, TimeUnit.MILLISECONDS));
        slots.release();
        assertThrows(TimeoutException.class, () -> next.get(300, TimeUnit.MILLISECONDS), "still at the cap");
        assertFalse(next.isDone());
        slots.release();
        next.get(5, TimeUnit.SECONDS);
        assertEquals(2, slots.inUse());
    }
}
