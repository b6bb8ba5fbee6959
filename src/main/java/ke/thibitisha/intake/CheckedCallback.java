package ke.thibitisha.intake;

import ke.thibitisha.payments.PhoneNumbers;

/**
 * A Daraja request after every check that needs no database, made in the request thread: either a rejection
 * (with the log line to write once its raw row has an id), a C2B validation, or a payment callback with the
 * phone verdict computed ahead ({@code msisdnVerdict} is used for C2B only when the directory has no entry).
 */
record CheckedCallback(InboundRequest request, IntakeResult rejection, String rejectionLog, StkResult stk,
                       C2bNotification c2b, PhoneNumbers.Verdict phone) {

    static CheckedCallback rejected(InboundRequest request, IntakeResult rejection, String log) {
        return new CheckedCallback(request, rejection, log, null, null, null);
    }

    /** {@code stk:<CheckoutRequestID>} or {@code c2b:<TransID>}; {@code null} when no payment can come of it. */
    String sourceRef() {
        if (stk != null) {
            return "stk:" + stk.checkoutRequestId();
        }
        return c2b != null && request.kind() == CallbackKind.C2B_CONFIRMATION ? "c2b:" + c2b.transId() : null;
    }

    /** The answer once the raw callback is kept on the spool: what the same rules would answer without a database. */
    IntakeResult answerWhenSpooled() {
        if (rejection != null) {
            return rejection;
        }
        return request.kind() == CallbackKind.C2B_VALIDATION ? IntakeResult.validationAccepted() : IntakeResult.accepted();
    }
}
