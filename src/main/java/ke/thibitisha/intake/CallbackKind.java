package ke.thibitisha.intake;

/** The three Daraja URLs a paybill has. */
public enum CallbackKind {
    STK, C2B_VALIDATION, C2B_CONFIRMATION
}
