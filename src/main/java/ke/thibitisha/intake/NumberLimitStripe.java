package ke.thibitisha.intake;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One of the 1024 rows intake locks while it counts a phone number's recent payments ({@link NumberLimit}):
 * the number's hash picks the stripe. The rows are created by the V20 migration and never change.
 */
@Entity
@Table(name = "number_limit_stripe")
public class NumberLimitStripe {

    static final int STRIPES = 1024;

    @Id
    private int stripe;

    protected NumberLimitStripe() {
    }
}
