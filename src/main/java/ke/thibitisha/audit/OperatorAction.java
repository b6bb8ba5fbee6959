package ke.thibitisha.audit;

/** What an operator did. Each is recorded in the audit trail, with who and when. */
public enum OperatorAction {
    /** {@code POST /api/payments/{id}/redial}, also when it was refused. */
    REDIAL,
    /** {@code POST /api/payments/dead-letters/redial}. */
    DEAD_LETTERS_REDIAL,
    /** {@code PUT /api/customers/{accountRef}}. */
    CUSTOMER_WRITE,
    /** {@code POST /api/customers} (CSV): one entry per import, with the counts. */
    CUSTOMERS_IMPORT,
    /** {@code GET /api/callbacks/{id}} by a user who may see the raw body (phone numbers, names). */
    RAW_CALLBACK_READ
}
