package ke.thibitisha.intake;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import ke.thibitisha.dialer.DialQueue;
import ke.thibitisha.payments.Payment;
import ke.thibitisha.payments.PaymentKind;
import ke.thibitisha.payments.PaymentLedger;
import ke.thibitisha.payments.PaymentStatus;
import ke.thibitisha.payments.PhoneNumbers;
import ke.thibitisha.paybill.Paybills.Paybill;
import ke.thibitisha.platform.Settings;
import ke.thibitisha.verification.VerificationStage;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.logging.Logger;

/**
 * Takes one Daraja request from raw bytes to a stored, queued payment in one JTA transaction:
 * raw row first, then the decision, then the payment row and the dial message. Nothing Daraja sent is
 * lost: a rejected request keeps its raw row with the reason.
 */
@Stateless
public class IntakeService {

    private static final Logger LOG = Logger.getLogger(IntakeService.class.getName());
    static final int MAX_BODY_BYTES = 64 * 1024;

    @PersistenceContext
    EntityManager em;
    @Inject
    PaymentLedger ledger;
    @Inject
    DialQueue dialQueue;
    @Inject
    Settings settings;
    @Inject
    NumberLimit numberLimit;
    @Inject
    VerificationStage verification;

    public IntakeResult receive(InboundRequest request, Paybill paybill) {
        RawCallback raw = new RawCallback(request);
        em.persist(raw);
        IntakeResult result = decide(request, paybill, raw);
        if (raw.getHttpStatus() == null) {
            raw.decide(result.status(), result.status() == 200 ? "accepted" : "rejected", null);
        }
        return result;
    }

    private IntakeResult decide(InboundRequest request, Paybill paybill, RawCallback raw) {
        if (!paybill.allowedSources().isEmpty()
                && !SourceAddress.matchesAny(request.sourceIp(), paybill.allowedSources())) {
            LOG.warning(() -> "paybill " + paybill.shortcode() + ": request from " + request.sourceIp()
                    + " is not on the allow-list; stored as raw callback " + raw.getId());
            return reject(raw, IntakeResult.status(403, "source address not allowed"));
        }
        if (request.bodyTruncated()) {
            return reject(raw, IntakeResult.status(413, "body is larger than 64 KiB"));
        }
        if (!isJson(request.contentType())) {
            return reject(raw, IntakeResult.status(415, "Content-Type must be application/json"));
        }
        JsonObject json;
        try {
            json = DarajaParser.object(request.body());
            return switch (request.kind()) {
                case STK -> stk(DarajaParser.stk(json), request, raw);
                case C2B_CONFIRMATION -> confirmation(DarajaParser.c2b(json), request, raw);
                case C2B_VALIDATION -> IntakeResult.validationAccepted();
            };
        } catch (InvalidPayloadException e) {
            LOG.warning(() -> "paybill " + paybill.shortcode() + " " + request.kind() + ": invalid payload ("
                    + e.getMessage() + "), raw callback " + raw.getId());
            return reject(raw, IntakeResult.invalid(e.getMessage()));
        } catch (ArithmeticException | NumberFormatException | ClassCastException e) {
            // hostile numbers (1e999999999) or shapes the JSON layer itself chokes on: still a clear 400
            LOG.warning(() -> "paybill " + paybill.shortcode() + " " + request.kind() + ": unreadable payload ("
                    + e.getClass().getSimpleName() + "), raw callback " + raw.getId());
            return reject(raw, IntakeResult.invalid("payload has a value that cannot be read"));
        }
    }

    private IntakeResult stk(StkResult stk, InboundRequest request, RawCallback raw) {
        String sourceRef = "stk:" + stk.checkoutRequestId();
        Payment existing = bySourceRef(sourceRef);
        if (existing != null) {
            return duplicate(existing, raw);
        }
        Payment payment = new Payment(PaymentKind.STK, sourceRef, request.shortcode(), stk.resultCode(), raw.getId());
        payment.setCheckoutRequestId(stk.checkoutRequestId());
        payment.setMerchantRequestId(stk.merchantRequestId());
        payment.setResultDesc(stk.resultDesc());
        payment.setAmount(stk.amount());
        payment.setReceipt(stk.receipt());
        payment.setTransactionTime(stk.transactionDate());
        if (!stk.paid()) {
            persist(payment);
            ledger.move(payment, PaymentStatus.REJECTED, "M-Pesa ResultCode " + stk.resultCode()
                    + (stk.resultDesc() == null ? "" : ": " + stk.resultDesc()));
            raw.decide(200, "payment failed at M-Pesa, ResultCode " + stk.resultCode(), payment.getId());
            return IntakeResult.accepted();
        }
        PhoneNumbers.Verdict phone = PhoneNumbers.check(stk.phone(), settings.allowedRegions());
        return admit(payment, phone, raw);
    }

    private IntakeResult confirmation(C2bNotification c2b, InboundRequest request, RawCallback raw) {
        String sourceRef = "c2b:" + c2b.transId();
        Payment existing = bySourceRef(sourceRef);
        if (existing != null) {
            return duplicate(existing, raw);
        }
        Payment payment = new Payment(PaymentKind.C2B, sourceRef, request.shortcode(), "0", raw.getId());
        payment.setReceipt(c2b.transId());
        payment.setAmount(c2b.amount());
        payment.setTransactionTime(c2b.transTime());
        payment.setBillRef(c2b.billRefNumber());
        return admit(payment, c2bPhone(c2b), raw);
    }

    /** The directory entry for the account number wins; a plain MSISDN is used only when it validates. */
    private PhoneNumbers.Verdict c2bPhone(C2bNotification c2b) {
        String account = Customer.normalise(c2b.billRefNumber());
        Customer customer = account.isEmpty() ? null : em.find(Customer.class, account);
        if (customer != null) {
            customer.used(Instant.now());
            return new PhoneNumbers.Verdict(customer.getPhoneE164(), null);
        }
        PhoneNumbers.Verdict msisdn = PhoneNumbers.check(c2b.msisdn(), settings.allowedRegions());
        if (msisdn.dialable()) {
            return msisdn;
        }
        return new PhoneNumbers.Verdict(null, (account.isEmpty() ? "no account number"
                : "no customer directory entry for account " + Customer.mask(account)) + " and MSISDN unusable: " + msisdn.reason());
    }

    private IntakeResult admit(Payment payment, PhoneNumbers.Verdict phone, RawCallback raw) {
        payment.setPhone(phone.e164(), phone.dialable() ? PhoneNumbers.mask(phone.e164()) : null);
        persist(payment);
        if (!phone.dialable()) {
            ledger.move(payment, PaymentStatus.UNDIALABLE, phone.reason());
            raw.decide(200, "stored as undialable: " + phone.reason(), payment.getId());
            return IntakeResult.accepted();
        }
        if (numberLimit.reached(phone.e164())) {
            String why = "more than " + settings.maxCallsPerNumber() + " payments for this number in 24 h";
            ledger.move(payment, PaymentStatus.THROTTLED, why);
            raw.decide(200, "stored as throttled: " + why, payment.getId());
            return IntakeResult.accepted();
        }
        if (verification.appliesTo(payment)) {
            verification.start(payment);
            raw.decide(200, "payment " + payment.getId() + " waiting for verification with Daraja", payment.getId());
            return IntakeResult.accepted();
        }
        ledger.move(payment, PaymentStatus.QUEUED, "payment received, call queued");
        dialQueue.enqueue(payment.getId(), 1, Duration.ZERO);
        raw.decide(200, "payment " + payment.getId() + " queued", payment.getId());
        return IntakeResult.accepted();
    }

    /** Flushes at once so that a concurrent duplicate fails here, before any dial message exists. */
    private void persist(Payment payment) {
        em.persist(payment);
        em.flush();
    }

    private IntakeResult duplicate(Payment existing, RawCallback raw) {
        LOG.info(() -> "duplicate callback for payment " + existing.getId() + " (" + existing.getSourceRef()
                + "), raw callback " + raw.getId());
        raw.decide(200, "duplicate of payment " + existing.getId(), existing.getId());
        return IntakeResult.accepted();
    }

    private static IntakeResult reject(RawCallback raw, IntakeResult result) {
        raw.decide(result.status(), result.json(), null);
        return result;
    }

    private Payment bySourceRef(String sourceRef) {
        List<Payment> found = em.createNamedQuery("Payment.bySourceRef", Payment.class)
                .setParameter("ref", sourceRef).getResultList();
        return found.isEmpty() ? null : found.get(0);
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        return type.equals("application/json") || type.endsWith("+json");
    }
}
