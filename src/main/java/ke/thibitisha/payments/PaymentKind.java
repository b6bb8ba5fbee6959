package ke.thibitisha.payments;

/** Which Daraja notification a payment came from. */
public enum PaymentKind {
    STK, C2B
}
