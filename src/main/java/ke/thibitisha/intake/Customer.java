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
    @Column(name = "last_used_at")
    private Instant lastUsedAt;

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

    /**
     * A C2B payment used this entry. Written at most once a day per entry, so that busy accounts do not add a
     * write to every payment; retention removes entries unused for {@code RETENTION_DAYS}.
     */
    public void used(Instant now) {
        if (lastUsedAt == null || lastUsedAt.isBefore(now.minus(java.time.Duration.ofDays(1)))) {
            lastUsedAt = now;
        }
    }

    /**
     * The only form an account number ({@code BillRefNumber}) may take in a log line: payers often type an ID or
     * phone number there. {@code INV-00042} → {@code ******042}; short ones keep nothing.
     */
    public static String mask(String accountRef) {
        String ref = accountRef == null ? "" : accountRef.strip();
        if (ref.length() < 7) {
            return "****";
        }
        return "*".repeat(Math.min(ref.length() - 3, 12)) + ref.substring(ref.length() - 3);
    }

    /** Payers type account numbers by hand: {@code "inv-00042 "} and {@code "INV-00042"} are the same account. */
    public static String normalise(String accountRef) {
        return accountRef == null ? "" : accountRef.replaceAll("\\s+", "").toUpperCase(Locale.ROOT);
    }

    public String getAccountRef() { return accountRef; }
    public String getPhoneE164() { return phoneE164; }
    public Instant getUpdatedAt() { return updatedAt; }
    public Instant getLastUsedAt() { return lastUsedAt; }
}
