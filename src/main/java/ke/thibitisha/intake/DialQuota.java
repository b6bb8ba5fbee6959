package ke.thibitisha.intake;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * The row intake locks while it counts one phone number's recent payments ({@link NumberLimit}). Keyed by a
 * SHA-256 of the E.164 number, so the table never holds a number.
 */
@Entity
@Table(name = "dial_quota")
public class DialQuota {

    @Id
    @Column(name = "phone_key")
    private String phoneKey;
    @Column(name = "touched_at")
    private Instant touchedAt;

    protected DialQuota() {
    }

    DialQuota(String phoneKey, Instant now) {
        this.phoneKey = phoneKey;
        this.touchedAt = now;
    }

    void touch(Instant now) {
        touchedAt = now;
    }
}
