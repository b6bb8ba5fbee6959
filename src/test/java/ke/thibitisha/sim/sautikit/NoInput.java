package ke.thibitisha.sim.sautikit;

/** What a getDigits does when the callee presses nothing: undocumented (GAP), so each variant is playable. */
public enum NoInput {
    /** POST back to the callback without a {@code Digits} field (default). */
    OMIT_DIGITS,
    /** POST back with {@code Digits=""}. */
    EMPTY_DIGITS,
    /** No POST: the next action of the same document runs. */
    NEXT_ACTION
}
