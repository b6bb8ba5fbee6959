package ke.thibitisha.dialer;

import ke.thibitisha.payments.AttemptStatus;
import ke.thibitisha.payments.PaymentRepository;

/** What a dialer thread needs to know about the attempt it is working on, outside any transaction. */
record AttemptTicket(long attemptId, long paymentId, int attemptNo, String phone, String idempotencyKey,
                     String callRef, AttemptStatus status, String callId) {

    /** The one request this attempt may send, as often as needed: same key, same body. */
    SautikitGateway.CallRequest callRequest() {
        return new SautikitGateway.CallRequest(phone, idempotencyKey, callRef);
    }

    PaymentRepository.AttemptKey key() {
        return new PaymentRepository.AttemptKey(attemptId, paymentId);
    }
}
