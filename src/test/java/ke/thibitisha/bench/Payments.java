package ke.thibitisha.bench;

import ke.thibitisha.sim.daraja.DarajaPayloads;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Successful STK callbacks, each from its own payer number, so that what the simulator dials can be matched to
 * the payment by number. Numbers are 07xx Safaricom mobiles (2547 10000000 … 2547 29999999), valid for the app.
 */
final class Payments {

    /** One payment: its CheckoutRequestID, the payer as the app will dial it (E.164), and the callback body. */
    record Payment(String checkoutRequestId, String phone, String body) {
    }

    private static final long FIRST = 10_000_000L;
    private static final long SPAN = 20_000_000L;
    // one sequence for the whole run, from a random start, so scenarios on one server never share a number
    private static final AtomicLong NEXT = new AtomicLong(ThreadLocalRandom.current().nextLong(SPAN));

    private Payments() {
    }

    static List<Payment> fresh(int count) {
        List<Payment> payments = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String msisdn = "2547" + (FIRST + Math.floorMod(NEXT.getAndIncrement(), SPAN));
            String body = DarajaPayloads.stkSuccess(10 + ThreadLocalRandom.current().nextLong(4990), msisdn);
            payments.add(new Payment(DarajaPayloads.checkoutRequestIdOf(body), "+" + msisdn, body));
        }
        return payments;
    }
}
