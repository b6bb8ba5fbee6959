package ke.thibitisha.it;

import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.UserTransaction;
import jakarta.annotation.Resource;
import ke.thibitisha.dialer.CallCompletions;
import ke.thibitisha.dialer.CallEndSignal;
import ke.thibitisha.dialer.DialerBookkeeping;
import ke.thibitisha.dialer.OrderSweep;
import ke.thibitisha.dialer.PlaceResult;
import ke.thibitisha.dialer.SautikitGateway;
import ke.thibitisha.events.EventService;
import ke.thibitisha.events.SautikitEvent;
import ke.thibitisha.payments.CallAttempt;
import ke.thibitisha.payments.Payment;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs inside the server: what a second node changes for the dialer, shown on one node (issue 13). The wake-up of
 * a dialer by an end recorded elsewhere, the takeover of live calls a dead dialling node left behind, and the
 * sweep that gives a payment that lost its dial order a new one, never a second call.
 */
@ExtendWith(ArquillianExtension.class)
class DialingTakeoverIT {

    private static final int CAP = 8; // DIALER_MAX_CONCURRENT_CALLS of the IT server

    @Inject
    DialerBookkeeping bookkeeping;
    @Inject
    SautikitGateway sautikit;
    @Inject
    EventService events;
    @Inject
    CallCompletions completions;
    @Inject
    CallEndSignal callEnds;
    @Inject
    OrderSweep sweep;
    @PersistenceContext
    EntityManager em;
    @Resource
    UserTransaction tx;

    @Deployment
    static WebArchive deployment() {
        return Deployments.thibitisha().addClasses(DialingTakeoverIT.class, App.class, SimulatorControl.class, DialerSwitch.class);
    }

    /**
     * A terminal event applied without this node's events endpoint (as when it lands on the other node of a pair)
     * frees the dialer's slot through the call-end topic, long before the call's status would say so: the call is
     * still live at the simulator, so polling cannot be what let go.
     */
    @Test
    void anEndRecordedElsewhereWakesTheDialerAtOnce() throws Exception {
        awaitSimulatorIdle();
        String msisdn = App.newMsisdn();
        SimulatorControl.script(msisdn, "answer:100:12000");
        String checkout = App.paidStk(msisdn, 300);
        JsonObject answered = App.awaitPayment(checkout, p -> p.getJsonArray("call_attempts").size() == 1
                && "ANSWERED".equals(p.getJsonArray("call_attempts").getJsonObject(0).getString("status")), Duration.ofSeconds(20));
        String callId = answered.getJsonArray("call_attempts").getJsonObject(0).getString("call_id");
        assertEquals(1, completions.inFlight(), "the dialer holds the call");

        // as the node that received the event does once its transaction has committed (EventsResource): the topic
        // alone, so that only this node's CallEndListener can wake the dialer
        EventService.Ended end = events.apply(new SautikitEvent("evt-" + UUID.randomUUID(), "call.completed", callId,
                null, "completed", null, 2)).orElseThrow();
        callEnds.publish(end.attemptId(), end.status());

        Instant deadline = Instant.now().plusSeconds(5);
        while (completions.inFlight() > 0 && Instant.now().isBefore(deadline)) {
            App.sleep(50);
        }
        assertEquals(0, completions.inFlight(), "slot freed by the wake-up");
        assertEquals(1, SimulatorControl.state().getInt("in_flight"), "the call is still live at Sautikit: no poll ended it");
    }

    /**
     * A dialling node died with calls on the line; this node takes over with a backlog. The calls it inherits count
     * against the cap until they end, and neither they nor their redelivered orders are dialled again.
     */
    @Test
    void inheritedLiveCallsCountAgainstTheCapAndAreNeverDialledAgain() throws Exception {
        awaitSimulatorIdle();
        SimulatorControl.reset();
        List<String> fresh = new ArrayList<>();
        List<String> inherited = new ArrayList<>();
        List<String> checkouts = new ArrayList<>();
        DialerSwitch.stop();
        try {
            for (int i = 0; i < 10; i++) { // the backlog: orders queued before the dead node's redelivered ones
                String msisdn = App.newMsisdn();
                SimulatorControl.script(msisdn, "answer:100:1500:1");
                fresh.add(msisdn);
                checkouts.add(App.paidStk(msisdn, 100 + i));
            }
            for (int i = 0; i < 6; i++) { // what the dead node left: an attempt under way, its call ringing at Sautikit
                String msisdn = App.newMsisdn();
                SimulatorControl.script(msisdn, "answer:300:15000:1");
                inherited.add(msisdn);
                String checkout = App.paidStk(msisdn, 200 + i);
                checkouts.add(checkout);
                placeAsTheDeadNodeDid(App.payment(checkout).getInt("id"));
            }
        } finally {
            DialerSwitch.start();
        }

        for (String checkout : checkouts) {
            App.awaitPayment(checkout, App.status("ACKNOWLEDGED"), Duration.ofSeconds(90));
        }
        JsonObject state = SimulatorControl.state();
        assertTrue(state.getInt("max_in_flight") <= CAP, "at most " + CAP + " calls in flight: " + state);
        for (String msisdn : inherited) {
            assertEquals(1, SimulatorControl.callsTo(msisdn), "inherited call not placed again");
            assertEquals(1, SimulatorControl.requestsFor(msisdn).size(), "no second POST /v1/calls for an inherited call");
        }
        for (String msisdn : fresh) {
            assertEquals(1, SimulatorControl.callsTo(msisdn));
        }
    }

    /**
     * One payment lost its dial order (taken off the queue, as a dead node's lost journal or an operator would);
     * another still has its order but looks just as old (a long backlog). The sweep gives both a new order: the
     * first is dialled, and neither is dialled twice.
     */
    @Test
    void theSweepRequeuesAPaymentWithoutAnOrderAndNeverCausesASecondCall() throws Exception {
        awaitSimulatorIdle();
        String lost = App.newMsisdn();
        String backlogged = App.newMsisdn();
        String recent = App.newMsisdn();
        String lostCheckout;
        String backloggedCheckout;
        String recentCheckout;
        DialerSwitch.stop();
        try {
            for (String msisdn : List.of(lost, backlogged, recent)) {
                SimulatorControl.script(msisdn, "answer:100:500:1");
            }
            lostCheckout = App.paidStk(lost, 410);
            backloggedCheckout = App.paidStk(backlogged, 420);
            recentCheckout = App.paidStk(recent, 430);
            int lostId = App.payment(lostCheckout).getInt("id");
            assertTrue(removeOrder(lostId), "the lost payment's order was on the queue");
            for (String checkout : List.of(lostCheckout, backloggedCheckout)) {
                backdate(App.payment(checkout).getInt("id"));
            }
            Instant recentStamp = orderDueAt(App.payment(recentCheckout).getInt("id"));

            sweep.sweep(Duration.ofMinutes(10));

            for (String checkout : List.of(lostCheckout, backloggedCheckout)) {
                Instant stamp = orderDueAt(App.payment(checkout).getInt("id"));
                assertTrue(stamp.isAfter(Instant.now().minusSeconds(60)), "new order for " + checkout);
            }
            assertEquals(recentStamp, orderDueAt(App.payment(recentCheckout).getInt("id")), "a recent payment is left alone");
        } finally {
            DialerSwitch.start();
        }
        for (String checkout : List.of(lostCheckout, backloggedCheckout, recentCheckout)) {
            App.awaitPayment(checkout, App.status("ACKNOWLEDGED"), Duration.ofSeconds(30));
        }
        App.sleep(2000); // the backlogged payment's second order is delivered and must change nothing
        for (String msisdn : List.of(lost, backlogged, recent)) {
            assertEquals(1, SimulatorControl.callsTo(msisdn), "one call for " + msisdn);
            assertEquals(1, SimulatorControl.requestsFor(msisdn).size(), "one POST /v1/calls for " + msisdn);
        }
        assertEquals(1, App.payment(backloggedCheckout).getJsonArray("call_attempts").size());
    }

    /**
     * Dialling moves here from a node that died: the orders it held wait in its journal. The periodic sweep leaves
     * a payment that recent alone (it cannot tell a lost order from a backlog), so only the takeover sweep gets it
     * dialled now; the payment whose order is still here is dialled once too.
     */
    @Test
    void afterATakeoverEveryWaitingPaymentGetsANewOrderAtOnceAndNoneIsCalledTwice() throws Exception {
        awaitSimulatorIdle();
        String stranded = App.newMsisdn();
        String here = App.newMsisdn();
        String strandedCheckout;
        String hereCheckout;
        DialerSwitch.stop();
        try {
            for (String msisdn : List.of(stranded, here)) {
                SimulatorControl.script(msisdn, "answer:100:500:1");
            }
            strandedCheckout = App.paidStk(stranded, 440);
            hereCheckout = App.paidStk(here, 450);
            int strandedId = App.payment(strandedCheckout).getInt("id");
            assertTrue(removeOrder(strandedId), "the stranded payment's order was on the queue");
            Instant before = orderDueAt(strandedId);

            sweep.sweep(Duration.ofMinutes(15));
            assertEquals(before, orderDueAt(strandedId), "the periodic sweep leaves a recent payment alone");

            App.sleep(50); // the payments' rows were written before the takeover's cutoff
            assertTrue(sweep.sweepAfterTakeover(Instant.now()) >= 2, "both waiting payments got a new order");
            assertTrue(orderDueAt(strandedId).isAfter(before), "new order for the stranded payment");
        } finally {
            DialerSwitch.start();
        }
        for (String checkout : List.of(strandedCheckout, hereCheckout)) {
            App.awaitPayment(checkout, App.status("ACKNOWLEDGED"), Duration.ofSeconds(30));
        }
        App.sleep(2000); // the second order of the payment that kept its first must change nothing
        for (String msisdn : List.of(stranded, here)) {
            assertEquals(1, SimulatorControl.callsTo(msisdn), "one call for " + msisdn);
            assertEquals(1, SimulatorControl.requestsFor(msisdn).size(), "one POST /v1/calls for " + msisdn);
        }
    }

    /** What the dialling node did before it died: the attempt recorded, the call placed and its id written down. */
    private void placeAsTheDeadNodeDid(long paymentId) throws Exception {
        tx.begin(); // one transaction, so that this node never sees the attempt before its call id is written down
        var ticket = bookkeeping.begin(paymentId, 1);
        CallAttempt attempt = em.createNamedQuery("CallAttempt.byNumber", CallAttempt.class)
                .setParameter("paymentId", paymentId).setParameter("attemptNo", 1).getSingleResult();
        String phone = em.find(Payment.class, paymentId).getPhoneE164();
        PlaceResult placed = sautikit.place(new SautikitGateway.CallRequest(phone, attempt.getIdempotencyKey(), attempt.getCallRef()));
        bookkeeping.placed(ticket, (PlaceResult.Placed) placed);
        tx.commit();
    }

    /** Takes the payment's dial order off the queue (delivery is stopped); others go back. */
    private boolean removeOrder(long paymentId) throws Exception {
        jakarta.jms.ConnectionFactory factory = (jakarta.jms.ConnectionFactory) new javax.naming.InitialContext()
                .lookup("java:/ConnectionFactory");
        jakarta.jms.Queue calls = (jakarta.jms.Queue) new javax.naming.InitialContext().lookup("java:/jms/queue/ThibitishaCalls");
        boolean found = false;
        try (jakarta.jms.JMSContext jms = factory.createContext(jakarta.jms.JMSContext.CLIENT_ACKNOWLEDGE);
             jakarta.jms.JMSConsumer consumer = jms.createConsumer(calls)) {
            List<jakarta.jms.Message> others = new ArrayList<>();
            jakarta.jms.Message message;
            while ((message = consumer.receive(1000)) != null) {
                if (message instanceof jakarta.jms.MapMessage map && map.getLong("paymentId") == paymentId) {
                    found = true;
                } else {
                    others.add(message);
                }
            }
            for (jakarta.jms.Message other : others) {
                jms.createProducer().send(calls, other);
            }
            jms.acknowledge();
        }
        return found;
    }

    private void backdate(long paymentId) throws Exception {
        tx.begin();
        em.createNativeQuery("update payment set updated_at = ?1, dial_order_due_at = ?1 where id = ?2")
                .setParameter(1, Instant.now().minus(Duration.ofHours(1))).setParameter(2, paymentId).executeUpdate();
        tx.commit();
    }

    private Instant orderDueAt(long paymentId) {
        Object value = em.createNativeQuery("select dial_order_due_at from payment where id = ?1")
                .setParameter(1, paymentId).getSingleResult();
        return value instanceof Instant i ? i : value instanceof java.time.OffsetDateTime o ? o.toInstant()
                : ((java.sql.Timestamp) value).toInstant();
    }

    private static void awaitSimulatorIdle() {
        for (int i = 0; i < 300 && SimulatorControl.state().getInt("in_flight") > 0; i++) {
            App.sleep(100);
        }
        assertEquals(0, SimulatorControl.state().getInt("in_flight"), "earlier calls still running");
    }
}
