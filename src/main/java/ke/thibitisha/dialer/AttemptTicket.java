package ke.thibitisha.dialer;

import ke.thibitisha.payments.AttemptStatus;

/** What a dialer thread needs to know about the attempt it is working on, outside any transaction. */
record AttemptTicket(long attemptId, long paymentId, int attemptNo, String phone, String idempotencyKey,
                     String callRef, AttemptStatus status, String callId) {
}
