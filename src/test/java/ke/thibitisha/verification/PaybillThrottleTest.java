package ke.thibitisha.verification;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PaybillThrottleTest {

    @Test
    void slotsAreSpacedByTheRate() {
        PaybillThrottle.Lane lane = new PaybillThrottle.Lane(4);
        assertEquals(0, TimeUnit.NANOSECONDS.toMillis(lane.reserve(10)));
        long second = TimeUnit.NANOSECONDS.toMillis(lane.reserve(10));
        long third = TimeUnit.NANOSECONDS.toMillis(lane.reserve(10));
        assertTrue(second > 90 && second <= 100, "second slot " + second + " ms ahead");
        assertTrue(third > 190 && third <= 200, "third slot " + third + " ms ahead");
    }

    @Test
    void aCoolDownPushesTheNextSlotBack() {
        PaybillThrottle.Lane lane = new PaybillThrottle.Lane(4);
        lane.postpone(Duration.ofSeconds(1));
        long next = TimeUnit.NANOSECONDS.toMillis(lane.reserve(10));
        assertTrue(next > 900 && next <= 1000, "next slot " + next + " ms ahead");
    }

    @Test
    void jitterStaysWithinHalfAndOneAndAHalfTimes() {
        for (int i = 0; i < 1000; i++) {
            long ms = PaybillThrottle.jittered(Duration.ofSeconds(2)).toMillis();
            assertTrue(ms >= 1000 && ms <= 3000, ms + " ms");
        }
    }
}
