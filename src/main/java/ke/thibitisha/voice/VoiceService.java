package ke.thibitisha.voice;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import ke.thibitisha.payments.CallAttempt;
import ke.thibitisha.payments.Payment;
import ke.thibitisha.payments.PaymentRepository;
import ke.thibitisha.payments.PaymentStatus;
import ke.thibitisha.paybill.Paybills;
import ke.thibitisha.platform.Settings;
import ke.thibitisha.paybill.Language;

import java.util.Optional;
import java.util.logging.Logger;

/**
 * Answers Sautikit's voice callback for one call: the script on first contact, then the payer's choice.
 * "No digits" (absent or empty) or another key repeats the prompt once, then ends the call.
 */
@Stateless
public class VoiceService {

    private static final Logger LOG = Logger.getLogger(VoiceService.class.getName());

    @Inject
    PaymentRepository payments;
    @Inject
    Paybills paybills;
    @Inject
    Settings settings;

    public JsonObject answer(String callRef, String digits) {
        Optional<PaymentRepository.AttemptKey> attempt = payments.attemptByCallRef(callRef);
        if (attempt.isEmpty()) {
            LOG.warning("voice callback for an unknown call reference: answered with a polite hangup");
            return VoiceScript.unknownCall();
        }
        PaymentRepository.Locked locked = payments.lock(attempt.get());
        JsonObject script = answer(locked.payment(), locked.attempt(), callRef, digits == null ? "" : digits.trim());
        payments.store(locked.payment());
        return script;
    }

    private JsonObject answer(Payment payment, CallAttempt attempt, String callRef, String choice) {
        Paybills.Paybill paybill = paybills.find(payment.getShortcode()).orElse(null);
        Language language = paybill == null ? Language.EN : paybill.language();
        payment.answered(attempt, "voice callback: call answered");
        Optional<String> agentNumber = paybill == null ? Optional.empty() : paybill.agentNumber();
        Optional<PaymentStatus> outcome = payment.pressed(attempt, choice, agentNumber.isPresent());
        if (outcome.isPresent()) {
            return outcome.get() == PaymentStatus.ACKNOWLEDGED ? VoiceScript.acknowledged(language)
                    : VoiceScript.escalated(language, agentNumber);
        }
        if (payment.callIsOver(attempt)) {
            return VoiceScript.alreadyDone();
        }
        VoiceScript.Call call = new VoiceScript.Call(language, payment.getAmount(), payment.getReceipt(),
                paybill == null ? Optional.empty() : paybill.message(), agentNumber,
                paybill != null && paybill.useLaki(),
                settings.appUrl() + "/api/sautikit/voice/" + callRef);
        return switch (payment.prompted(attempt, choice)) {
            case FIRST_PLAY -> VoiceScript.firstPlay(call);
            case REPEAT -> VoiceScript.repeat(call);
            case GIVE_UP -> VoiceScript.noResponse(language);
        };
    }
}
