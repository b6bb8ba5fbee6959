package ke.thibitisha.voice;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import ke.thibitisha.payments.AttemptStatus;
import ke.thibitisha.payments.CallAttempt;
import ke.thibitisha.payments.Payment;
import ke.thibitisha.payments.PaymentLedger;
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
    PaymentLedger ledger;
    @Inject
    Paybills paybills;
    @Inject
    Settings settings;

    public JsonObject answer(String callRef, String digits) {
        Optional<Long> attemptId = ledger.attemptIdByCallRef(callRef);
        if (attemptId.isEmpty()) {
            LOG.warning("voice callback for an unknown call reference: answered with a polite hangup");
            return VoiceScript.unknownCall();
        }
        PaymentLedger.Locked locked = ledger.lockAttempt(attemptId.get());
        CallAttempt attempt = locked.attempt();
        Payment payment = locked.payment();
        Paybills.Paybill paybill = paybills.find(payment.getShortcode()).orElse(null);
        Language language = paybill == null ? Language.EN : paybill.language();
        if (attempt.advanceTo(AttemptStatus.ANSWERED)) {
            payment.answered(attempt.getAttemptNo()).ifPresent(next -> ledger.move(payment, next, "voice callback: call answered"));
        }
        String choice = digits == null ? "" : digits.trim();
        // a key press for the latest attempt counts also when call.completed got here first (contract §4)
        Optional<PaymentStatus> outcome = payment.pressed(attempt.getAttemptNo(), choice);
        if (!choice.isEmpty() && (outcome.isPresent() || !attempt.getStatus().isTerminal())) {
            attempt.setDigits(choice.length() > 16 ? choice.substring(0, 16) : choice);
        }
        Optional<String> agentNumber = paybill == null ? Optional.empty() : paybill.agentNumber();
        if (outcome.isPresent()) {
            if (outcome.get() == PaymentStatus.ACKNOWLEDGED) {
                ledger.move(payment, PaymentStatus.ACKNOWLEDGED, "payer pressed 1 on call " + attempt.getCallId());
                return VoiceScript.acknowledged(language);
            }
            ledger.move(payment, PaymentStatus.ESCALATED, "payer pressed 2 on call " + attempt.getCallId()
                    + (agentNumber.isPresent() ? ", dialling the agent" : ", no agent number: call back promised"));
            return VoiceScript.escalated(language, agentNumber);
        }
        if (attempt.getStatus().isTerminal() || isOutcome(payment.getStatus())) {
            return VoiceScript.alreadyDone();
        }
        VoiceScript.Call call = new VoiceScript.Call(language, payment.getAmount(), payment.getReceipt(),
                paybill == null ? Optional.empty() : paybill.message(), agentNumber,
                paybill != null && paybill.useLaki(),
                settings.appUrl() + "/api/sautikit/voice/" + callRef);
        int played = attempt.getPromptsPlayed();
        if (played < 2) {
            attempt.setPromptsPlayed(played + 1);
            return played == 0 ? VoiceScript.firstPlay(call) : VoiceScript.repeat(call);
        }
        ledger.move(payment, PaymentStatus.NO_RESPONSE, "no choice after the prompt was repeated"
                + (choice.isEmpty() ? "" : " (pressed " + choice + ")"));
        return VoiceScript.noResponse(language);
    }

    private static boolean isOutcome(PaymentStatus status) {
        return status == PaymentStatus.ACKNOWLEDGED || status == PaymentStatus.ESCALATED
                || status == PaymentStatus.NO_RESPONSE;
    }
}
