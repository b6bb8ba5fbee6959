package ke.thibitisha.verification;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import ke.thibitisha.verification.VerificationBookkeeping.Pending;
import ke.thibitisha.verification.VerificationQueue.Order;

import java.time.Duration;
import java.time.Instant;
import java.util.logging.Logger;

/**
 * Confirms one payment with Daraja's STK Push Query: paid, on to the dial queue; a final other code, UNVERIFIED;
 * no answer, the same order again later (backoff with jitter) until {@code DARAJA_VERIFY_GIVE_UP} after the
 * callback, then UNVERIFIED. Holds no call slot and no transaction while Daraja is asked.
 */
@ApplicationScoped
public class Verifier {

    private static final Logger LOG = Logger.getLogger(Verifier.class.getName());
    /** How long a paybill's queries pause after Daraja answered spike arrest or quota violation. */
    private static final Duration COOL_DOWN = Duration.ofSeconds(1);

    @Inject
    VerificationBookkeeping bookkeeping;
    @Inject
    DarajaGateway daraja;
    @Inject
    PaybillThrottle throttle;
    @Inject
    VerificationQueue queue;
    @Inject
    DarajaSettings settings;
    @Inject
    VerificationMetrics metrics;

    void verify(Order order) {
        Pending payment = bookkeeping.pending(order.paymentId()).orElse(null);
        if (payment == null) {
            return; // decided already (a redelivered message) or released by an operator
        }
        if (!settings.verifies(payment.shortcode())) {
            LOG.warning(() -> "payment=" + payment.paymentId() + ": verification is no longer configured for paybill "
                    + payment.shortcode() + "; queued for its call unverified");
            bookkeeping.release(payment.paymentId(), "verification with Daraja no longer configured for paybill "
                    + payment.shortcode() + ": call queued without it");
            return;
        }
        Instant deadline = payment.receivedAt().plus(settings.giveUp());
        PaybillThrottle.Admission admission = throttle.admit(payment.shortcode(), order.reserved());
        if (admission instanceof PaybillThrottle.Wait wait) {
            if (order.queries() > 0 && Instant.now().isAfter(deadline)) {
                giveUp(payment, "no decision from Daraja within " + settings.giveUp() + " (" + order.queries()
                        + " queries; the last try could not be sent: " + wait.why() + ")");
            } else {
                queue.send(order.holding(wait.reserved()), wait.delay());
            }
            return;
        }
        QueryAnswer answer;
        try {
            answer = daraja.query(payment.shortcode(), payment.checkoutRequestId());
        } finally {
            ((PaybillThrottle.Go) admission).release();
        }
        decide(payment, order.asked(), answer, deadline);
    }

    private void decide(Pending payment, Order order, QueryAnswer answer, Instant deadline) {
        switch (answer.verdict()) {
            case PAID -> {
                if (bookkeeping.release(payment.paymentId(), "confirmed by Daraja: STK Push Query ResultCode 0")) {
                    metrics.decided("verified", Duration.between(payment.receivedAt(), Instant.now()));
                }
            }
            case NOT_PAID -> {
                LOG.warning(() -> "payment=" + payment.paymentId() + " paybill=" + payment.shortcode()
                        + ": Daraja says the payment did not succeed (ResultCode " + answer.describe()
                        + "); not dialled. A forged callback?");
                if (bookkeeping.unverified(payment.paymentId(), "Daraja STK Push Query ResultCode " + answer.describe())) {
                    metrics.decided("unverified", Duration.between(payment.receivedAt(), Instant.now()));
                }
            }
            case NO_ANSWER -> {
                metrics.noAnswer(answer.code());
                if (answer.throttled()) {
                    throttle.coolDown(payment.shortcode(), PaybillThrottle.jittered(COOL_DOWN));
                }
                Duration left = Duration.between(Instant.now(), deadline);
                if (left.isNegative() || left.isZero()) {
                    giveUp(payment, "no decision from Daraja within " + settings.giveUp() + " (" + order.queries()
                            + " queries, last answer " + answer.describe() + ")");
                    return;
                }
                Duration delay = backoff(order.queries());
                // one last query at the deadline rather than none after it
                Duration wait = delay.compareTo(left) > 0 ? left : delay;
                LOG.fine(() -> "payment=" + payment.paymentId() + ": no decision from Daraja (" + answer.describe()
                        + "), query " + order.queries() + "; asking again in " + wait.toMillis() + " ms");
                queue.send(order, wait);
            }
        }
    }

    private void giveUp(Pending payment, String reason) {
        LOG.warning(() -> "payment=" + payment.paymentId() + " paybill=" + payment.shortcode() + ": " + reason
                + "; UNVERIFIED, not dialled");
        if (bookkeeping.unverified(payment.paymentId(), reason)) {
            metrics.decided("unverified", Duration.between(payment.receivedAt(), Instant.now()));
        }
    }

    /** retry delay × 2^(queries-1), capped, with jitter. */
    private Duration backoff(int queries) {
        Duration delay = settings.retryDelay();
        Duration max = settings.maxRetryDelay();
        for (int i = 1; i < queries && delay.compareTo(max) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return PaybillThrottle.jittered(delay.compareTo(max) > 0 ? max : delay);
    }
}
