package ke.thibitisha.ops;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptors;
import ke.thibitisha.intake.RawCallbackRepository;
import ke.thibitisha.payments.PaymentRepository;
import ke.thibitisha.platform.EntryPointFailures;
import ke.thibitisha.platform.Settings;

import java.time.Duration;
import java.time.Instant;
import java.util.logging.Logger;

/**
 * Data minimisation: every night, payments older than {@code RETENTION_DAYS} (default 90) that are
 * settled lose their phone number and account number ({@code BillRefNumber}, often an ID or a phone number),
 * raw Daraja callbacks of that age lose their body and headers, and customer directory entries neither written
 * nor used by a payment for that long are removed. Amounts, receipts, outcomes and the audit trail stay for the
 * auditors.
 */
@Singleton
public class RetentionJob {

    private static final Logger LOG = Logger.getLogger(RetentionJob.class.getName());

    @Inject
    PaymentRepository payments;
    @Inject
    RawCallbackRepository rawCallbacks;
    @Inject
    CustomerDirectory customers;
    @Inject
    Settings settings;

    @Interceptors(EntryPointFailures.class)
    @Schedule(hour = "2", minute = "30", persistent = false, info = "thibitisha-retention")
    void nightly() {
        purgeOlderThan(Duration.ofDays(settings.retentionDays()));
    }

    /** @return how many payments, raw callbacks and customer directory entries were reduced or removed */
    public int[] purgeOlderThan(Duration age) {
        Instant cutoff = Instant.now().minus(age);
        int anonymised = payments.anonymiseSettledReceivedBefore(cutoff);
        int bodies = rawCallbacks.dropBodiesReceivedBefore(cutoff);
        int removed = customers.removeUnusedSince(cutoff);
        LOG.info(() -> String.format("retention: %d payments anonymised, %d raw callback bodies dropped,"
                + " %d unused customer directory entries removed (older than %s)", anonymised, bodies, removed, cutoff));
        return new int[]{anonymised, bodies, removed};
    }
}
