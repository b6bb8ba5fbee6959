package ke.thibitisha.intake;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import ke.thibitisha.dialer.DialQueue;
import ke.thibitisha.payments.PaymentKind;
import ke.thibitisha.payments.PaymentStatus;
import ke.thibitisha.payments.PhoneNumbers;
import ke.thibitisha.verification.VerificationStage;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Logger;

/**
 * Stores a group of checked callbacks in one JTA transaction (contract §2 rules 3, 5-7, 9, 10, 13): one duplicate
 * look-up for the whole group, the raw rows, payments and first transitions inserted once each in their final
 * state, then one dial or verification message per queued payment. Nothing is answered before this commits.
 * Duplicates inside the group (the same CheckoutRequestID or TransID twice) make one payment.
 */
@Stateless
public class IntakeGroup {

    private static final Logger LOG = Logger.getLogger(IntakeGroup.class.getName());

    @PersistenceContext
    EntityManager em;
    @Resource(lookup = "java:jboss/datasources/ThibitishaDS")
    DataSource dataSource;
    @Inject
    IntakeIds ids;
    @Inject
    NumberLimit numberLimit;
    @Inject
    DialQueue dialQueue;
    @Inject
    VerificationStage verification;
    @Inject
    Event<PaymentStatus> finalOutcomes;

    /** @return each callback's answer, in the order given */
    public List<IntakeResult> store(List<CheckedCallback> callbacks) {
        Instant now = Instant.now();
        IntakeRows rows = new IntakeRows(now);
        List<IntakeResult> results = new ArrayList<>(callbacks.size());
        List<IntakeRows.NewPayment> created = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            Map<String, Long> paymentIds = existingPayments(connection, callbacks);
            Map<String, Customer> customers = customers(callbacks);
            Map<String, Long> dialled = new HashMap<>(
                    numberLimit.recentCounts(connection, candidatePhones(callbacks, paymentIds, customers)));
            for (CheckedCallback callback : callbacks) {
                long rawId = ids.nextRaw(connection);
                results.add(decide(callback, rawId, connection, paymentIds, customers, dialled, rows, created, now));
            }
            rows.insert(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("intake group of " + callbacks.size() + " not stored", e);
        }
        for (IntakeRows.NewPayment payment : created) {
            switch (payment.status()) {
                case QUEUED -> dialQueue.enqueueFirstOfStamped(payment.id());
                case VERIFYING -> verification.started(payment.id());
                default -> {
                    if (payment.status().isFinal()) {
                        finalOutcomes.fire(payment.status());
                    }
                }
            }
            LOG.fine(() -> String.format("payment=%d receipt=%s status RECEIVED -> %s: %s",
                    payment.id(), payment.receipt(), payment.status(), payment.cause()));
        }
        return results;
    }

    private IntakeResult decide(CheckedCallback callback, long rawId, Connection connection, Map<String, Long> paymentIds,
                                Map<String, Customer> customers, Map<String, Long> dialled, IntakeRows rows,
                                List<IntakeRows.NewPayment> created, Instant now) throws SQLException {
        InboundRequest request = callback.request();
        if (callback.rejection() != null) {
            IntakeResult rejection = callback.rejection();
            if (callback.rejectionLog() != null) {
                LOG.warning(() -> callback.rejectionLog() + ", stored as raw callback " + rawId);
            }
            rows.raw(rawId, request, rejection.status(), rejection.json(), null);
            return rejection;
        }
        if (request.kind() == CallbackKind.C2B_VALIDATION) {
            rows.raw(rawId, request, 200, "accepted", null);
            return IntakeResult.validationAccepted();
        }
        String sourceRef = callback.sourceRef();
        Long existing = paymentIds.get(sourceRef);
        if (existing != null) {
            LOG.fine(() -> "duplicate callback for payment " + existing + " (" + sourceRef + "), raw callback " + rawId);
            rows.raw(rawId, request, 200, "duplicate of payment " + existing, existing);
            return IntakeResult.accepted();
        }
        long paymentId = ids.nextPayment(connection);
        paymentIds.put(sourceRef, paymentId);
        IntakeRows.NewPayment payment = callback.stk() != null
                ? stk(callback, paymentId, rawId, dialled)
                : c2b(callback, paymentId, rawId, customers, dialled, now);
        created.add(payment);
        rows.payment(payment);
        rows.raw(rawId, request, 200, rawOutcome(payment), paymentId);
        return IntakeResult.accepted();
    }

    private IntakeRows.NewPayment stk(CheckedCallback callback, long paymentId, long rawId, Map<String, Long> dialled) {
        StkResult stk = callback.stk();
        String shortcode = callback.request().shortcode();
        Outcome outcome = stk.paid()
                ? admit(callback.phone(), verification.appliesTo(PaymentKind.STK, shortcode), dialled)
                : new Outcome(PaymentStatus.REJECTED, "M-Pesa ResultCode " + stk.resultCode()
                        + (stk.resultDesc() == null ? "" : ": " + stk.resultDesc()));
        PhoneNumbers.Verdict phone = stk.paid() ? callback.phone() : null;
        return new IntakeRows.NewPayment(paymentId, callback.sourceRef(), PaymentKind.STK.name(), shortcode,
                stk.checkoutRequestId(), stk.merchantRequestId(), stk.receipt(), stk.resultCode(), stk.resultDesc(),
                stk.amount(), stk.transactionDate(), null, phone == null ? null : phone.e164(), masked(phone),
                outcome.status(), outcome.cause(), rawId, outcome.status() == PaymentStatus.QUEUED);
    }

    private IntakeRows.NewPayment c2b(CheckedCallback callback, long paymentId, long rawId, Map<String, Customer> customers,
                                      Map<String, Long> dialled, Instant now) {
        C2bNotification c2b = callback.c2b();
        PhoneNumbers.Verdict phone = c2bPhone(callback, customers, now);
        Outcome outcome = admit(phone, false, dialled);
        return new IntakeRows.NewPayment(paymentId, callback.sourceRef(), PaymentKind.C2B.name(),
                callback.request().shortcode(), null, null, c2b.transId(), "0", null, c2b.amount(), c2b.transTime(),
                c2b.billRefNumber(), phone.e164(), masked(phone), outcome.status(), outcome.cause(), rawId,
                outcome.status() == PaymentStatus.QUEUED);
    }

    private record Outcome(PaymentStatus status, String cause) {
    }

    /** Rules 9 and 13, then verification or the dial queue; a payment admitted counts for its number at once. */
    private Outcome admit(PhoneNumbers.Verdict phone, boolean verified, Map<String, Long> dialled) {
        if (!phone.dialable()) {
            return new Outcome(PaymentStatus.UNDIALABLE, phone.reason());
        }
        int limit = numberLimit.limit();
        if (limit > 0 && dialled.getOrDefault(phone.e164(), 0L) >= limit) {
            return new Outcome(PaymentStatus.THROTTLED, "more than " + limit + " payments for this number in 24 h");
        }
        dialled.merge(phone.e164(), 1L, Long::sum);
        return verified ? new Outcome(PaymentStatus.VERIFYING, VerificationStage.STARTED)
                : new Outcome(PaymentStatus.QUEUED, "payment received, call queued");
    }

    private static String rawOutcome(IntakeRows.NewPayment payment) {
        return switch (payment.status()) {
            case REJECTED -> "payment failed at M-Pesa, ResultCode " + payment.resultCode();
            case UNDIALABLE -> "stored as undialable: " + payment.cause();
            case THROTTLED -> "stored as throttled: " + payment.cause();
            case VERIFYING -> "payment " + payment.id() + " waiting for verification with Daraja";
            default -> "payment " + payment.id() + " queued";
        };
    }

    /** The directory entry for the account number wins; a plain MSISDN is used only when it validates. */
    private static PhoneNumbers.Verdict c2bPhone(CheckedCallback callback, Map<String, Customer> customers, Instant now) {
        String account = Customer.normalise(callback.c2b().billRefNumber());
        Customer customer = customers.get(account);
        if (customer != null) {
            customer.used(now);
            return new PhoneNumbers.Verdict(customer.getPhoneE164(), null);
        }
        PhoneNumbers.Verdict msisdn = callback.phone();
        if (msisdn.dialable()) {
            return msisdn;
        }
        return new PhoneNumbers.Verdict(null, (account.isEmpty() ? "no account number"
                : "no customer directory entry for account " + Customer.mask(account)) + " and MSISDN unusable: " + msisdn.reason());
    }

    private static String masked(PhoneNumbers.Verdict phone) {
        return phone != null && phone.dialable() ? PhoneNumbers.mask(phone.e164()) : null;
    }

    /** One query for the group: the payments that already exist for its CheckoutRequestIDs and TransIDs. */
    private static Map<String, Long> existingPayments(Connection connection, List<CheckedCallback> callbacks)
            throws SQLException {
        Set<String> refs = new LinkedHashSet<>();
        callbacks.stream().map(CheckedCallback::sourceRef).filter(Objects::nonNull).forEach(refs::add);
        Map<String, Long> found = new HashMap<>();
        if (refs.isEmpty()) {
            return found;
        }
        try (PreparedStatement select = connection.prepareStatement("select source_ref, id from payment where source_ref = any (?)")) {
            select.setArray(1, connection.createArrayOf("varchar", refs.toArray()));
            try (ResultSet existing = select.executeQuery()) {
                while (existing.next()) {
                    found.put(existing.getString(1), existing.getLong(2));
                }
            }
        }
        return found;
    }

    private Map<String, Customer> customers(List<CheckedCallback> callbacks) {
        Set<String> accounts = new LinkedHashSet<>();
        callbacks.stream().filter(c -> c.rejection() == null && c.c2b() != null && c.sourceRef() != null)
                .map(c -> Customer.normalise(c.c2b().billRefNumber())).filter(a -> !a.isEmpty()).forEach(accounts::add);
        Map<String, Customer> found = new HashMap<>();
        if (!accounts.isEmpty()) {
            em.createQuery("select c from Customer c where c.accountRef in :accounts", Customer.class)
                    .setParameter("accounts", accounts).getResultList()
                    .forEach(c -> found.put(c.getAccountRef(), c));
        }
        return found;
    }

    /** The numbers this group may dial, whose recent payments rule 13 counts (over-approximated: locks are cheap). */
    private static Set<String> candidatePhones(List<CheckedCallback> callbacks, Map<String, Long> existing,
                                               Map<String, Customer> customers) {
        Set<String> phones = new TreeSet<>();
        for (CheckedCallback c : callbacks) {
            if (c.rejection() != null || c.sourceRef() == null || existing.containsKey(c.sourceRef())) {
                continue;
            }
            if (c.c2b() != null) {
                Customer customer = customers.get(Customer.normalise(c.c2b().billRefNumber()));
                if (customer != null) {
                    phones.add(customer.getPhoneE164());
                    continue;
                }
            }
            if (c.phone() != null && c.phone().dialable()) {
                phones.add(c.phone().e164());
            }
        }
        return phones;
    }
}
