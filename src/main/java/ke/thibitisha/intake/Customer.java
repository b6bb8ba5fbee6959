package ke.thibitisha.intake;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;

import java.time.Instant;
import java.util.Locale;

/**
 * The C2B customer directory: the account number a payer types ({@code BillRefNumber}) and the phone we
 * call, because C2B notifications only carry a hashed or masked MSISDN.
 */
@Entity
public class Customer {

    @Id
    @Column(name = "account_ref")
    private String accountRef;
    @Column(name = "phone_e164")
    private String phoneE164;
    @Column(name = "updated_at")
    private Instant updatedAt;

    protected Customer() {
    }

    public Customer(String accountRef, String phoneE164) {
        this.accountRef = normalise(accountRef);
        update(phoneE164);
    }

    public void update(String phone) {
        this.phoneE164 = phone;
        this.updatedAt = Instant.now();
    }

    /** Payers type account numbers by hand: {@code "inv-00042 "} and {@code "INV-00042"} are the same account. */
    public static String normalise(String accountRef) {
        return accountRef == null ? "" : accountRef.replaceAll("\\s+", "").toUpperCase(Locale.ROOT);
    }

    public String getAccountRef() { return accountRef; }
    public String getPhoneE164() { return phoneE164; }
    public Instant getUpdatedAt() { return updatedAt; }
}
