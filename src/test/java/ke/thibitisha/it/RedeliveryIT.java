package ke.thibitisha.it;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.MapMessage;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.UserTransaction;
import ke.thibitisha.dialer.DialQueue;
import ke.thibitisha.dialer.DialerBookkeeping;
import ke.thibitisha.dialer.PlaceResult;
import ke.thibitisha.dialer.SautikitGateway;
import ke.thibitisha.payments.CallAttempt;
import ke.thibitisha.payments.Payment;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs inside the server: a dial order delivered a second time while its call is still on the line (what
 * JMS redelivery after a crash looks like) must not dial again. Talks to the Sautikit simulator through
 * its HTTP control plane, since the simulator lives in the test JVM.
 */
@ExtendWith(ArquillianExtension.class)
class RedeliveryIT {

    @Inject
    DialQueue dialQueue;
    @Inject
    DialerBookkeeping bookkeeping;
    @Inject
    SautikitGateway sautikit;
    @Inject
    JMSContext jms;
    @Resource(lookup = "java:/jms/queue/ThibitishaCallsDLQ")
    Queue deadLetters;
    @Resource(lookup = "java:/jms/queue/ThibitishaCalls")
    Queue calls;
    @PersistenceContext
    EntityManager em;
    @Resource
    UserTransaction tx;

    @Deployment
    static WebArchive deployment() {
        return Deployments.thibitisha().addClasses(RedeliveryIT.class, App.class, Health.class, SimulatorControl.class, DialerSwitch.class);
    }

    @Test
    void aRedeliveredOrderForACallInFlightDialsNothing() throws Exception {
        String msisdn = App.newMsisdn();
        SimulatorControl.script(msisdn, "answer:200:3000:1");
        String checkout = App.paidStk(msisdn, 700);

        JsonObject ringing = App.awaitPayment(checkout, p -> p.getJsonArray("call_attempts").size() == 1
                && p.getJsonArray("call_attempts").getJsonObject(0).containsKey("call_id"), Duration.ofSeconds(20));
        dialQueue.enqueue(ringing.getInt("id"), 1, Duration.ZERO);

        App.awaitPayment(checkout, p -> "ACKNOWLEDGED".equals(p.getString("status"))
                && "COMPLETED".equals(p.getJsonArray("call_attempts").getJsonObject(0).getString("status")),
                Duration.ofSeconds(30));
        App.sleep(1000);
        assertEquals(1, SimulatorControl.requestsFor(msisdn).size(), "one POST /v1/calls for the payment");
        assertEquals(1, App.payment(checkout).getJsonArray("call_attempts").size());
    }

    /**
     * After a crash, a redelivered order can find its call under way (placed, maybe answered: the voice callback and
     * events got through) but no Sautikit id stored (the server died before writing down the answer to POST
     * /v1/calls), and no dialer holding it. It must learn the id (from a call event carrying its client_request_id,
     * or from an idempotent replay of the same request) and see the call out, not fail into the dead-letter queue,
     * and not place a second call.
     */
    @Test
    void aRedeliveredOrderForACallUnderWayWithoutItsIdLearnsTheIdFromAnEventOrAReplay() throws Exception {
        String msisdn = App.newMsisdn();
        SimulatorControl.script(msisdn, "answer:100:6000:1");
        String callId;
        String checkout;
        DialerSwitch.stop();
        try {
            checkout = App.paidStk(msisdn, 700);
            long paymentId = App.payment(checkout).getInt("id");
            tx.begin(); // what a kill -9 between POST /v1/calls and writing down its answer leaves behind
            bookkeeping.begin(paymentId, 1);
            CallAttempt attempt = em.createNamedQuery("CallAttempt.byNumber", CallAttempt.class)
                    .setParameter("paymentId", paymentId).setParameter("attemptNo", 1).getSingleResult();
            PlaceResult placed = sautikit.place(new SautikitGateway.CallRequest(em.find(Payment.class, paymentId)
                    .getPhoneE164(), attempt.getIdempotencyKey(), attempt.getCallRef()));
            callId = ((PlaceResult.Placed) placed).callId();
            tx.commit();
        } finally {
            DialerSwitch.start(); // the payment's order, still on the queue, is the redelivered one
        }
        JsonObject done = App.awaitPayment(checkout, p -> "ACKNOWLEDGED".equals(p.getString("status"))
                && "COMPLETED".equals(p.getJsonArray("call_attempts").getJsonObject(0).getString("status")),
                Duration.ofSeconds(30));
        assertEquals(callId, done.getJsonArray("call_attempts").getJsonObject(0).getString("call_id"), "id learnt again");
        // the id comes from whichever is first: a call event (matched by client_request_id) or a replay of the
        // original request under its Idempotency-Key; never from a second call
        List<JsonObject> posts = SimulatorControl.requestsFor(msisdn);
        assertTrue(posts.size() <= 2, "the original request and at most its replay: " + posts);
        if (posts.size() == 2) {
            assertTrue(posts.get(1).getBoolean("replayed"), posts.toString());
        }
        assertEquals(1, SimulatorControl.callsTo(msisdn), "one call at Sautikit");
        assertEquals(0, App.json(App.asOps("GET", "/api/stats", null, null).body()).getInt("dead_letter_depth"));
    }

    /**
     * After a crash, a redelivered order can find its call already ended (the completion event got through) while the
     * payment still says ANSWERED: the payer's key press was lost with the server, and the dialer that would have
     * settled the payment was killed. The order must settle it (no choice heard: NO_RESPONSE), not be ignored.
     */
    @Test
    void aRedeliveredOrderForACallThatEndedUnsettledSettlesThePayment() throws Exception {
        String msisdn = App.newMsisdn();
        SimulatorControl.script(msisdn, "answer:100:300:1");
        String checkout = App.paidStk(msisdn, 700);
        JsonObject ended = App.awaitPayment(checkout, p -> "ACKNOWLEDGED".equals(p.getString("status"))
                && "COMPLETED".equals(p.getJsonArray("call_attempts").getJsonObject(0).getString("status")),
                Duration.ofSeconds(20));

        tx.begin(); // the key press never stored, the dialer killed before it settled the payment
        em.createNativeQuery("update payment set status = 'ANSWERED' where id = ?1")
                .setParameter(1, ended.getInt("id")).executeUpdate();
        tx.commit();
        dialQueue.enqueue(ended.getInt("id"), 1, Duration.ZERO);

        JsonObject settled = App.awaitPayment(checkout, App.status("NO_RESPONSE"), Duration.ofSeconds(20));
        assertEquals(1, settled.getJsonArray("call_attempts").size(), "no new attempt");
        assertEquals(1, SimulatorControl.callsTo(msisdn), "not dialled again");
    }

    @Test
    void deadLettersShowInStatsNotInReadinessAndGoBackOnTheQueueInBulk() throws Exception {
        for (int i = 0; i < 2; i++) {
            MapMessage poison = jms.createMapMessage();
            poison.setLong("paymentId", Long.MAX_VALUE - i); // no such payment: dropped with a WARN once redelivered
            poison.setInt("attemptNo", 1);
            jms.createProducer().send(deadLetters, poison);
        }
        JsonObject stats = App.json(App.asOps("GET", "/api/stats", null, null).body());
        assertEquals(2, stats.getInt("dead_letter_depth"), stats.toString());
        assertEquals("UP", brokerHealth(), "dead letters never take readiness down");

        JsonObject moved = App.json(App.asOps("POST", "/api/payments/dead-letters/redial", null, null).body());
        assertEquals(2, moved.getInt("moved"));
        assertEquals(0, App.json(App.asOps("GET", "/api/stats", null, null).body()).getInt("dead_letter_depth"));
        assertEquals("UP", brokerHealth());
    }

    @Test
    void anUnreadableOrderEndsInTheDeadLetterQueue() throws Exception {
        jms.createProducer().send(calls, "not a dial order");
        // the IT server gives up after 3 deliveries, 200 ms apart (production: 10, from 5 s doubling)
        JsonObject stats = App.json(App.asOps("GET", "/api/stats", null, null).body());
        for (int i = 0; i < 50 && stats.getInt("dead_letter_depth") == 0; i++) {
            App.sleep(200);
            stats = App.json(App.asOps("GET", "/api/stats", null, null).body());
        }
        assertEquals(1, stats.getInt("dead_letter_depth"), stats.toString());
        assertEquals("UP", brokerHealth(), "dead letters never take readiness down");
        try (JMSConsumer operator = jms.createConsumer(deadLetters)) {
            assertEquals("not a dial order", ((TextMessage) operator.receive(2000)).getText());
        }
        assertEquals("UP", brokerHealth());
    }

    private static String brokerHealth() {
        return Health.check("broker").orElseThrow().getString("status");
    }

}
