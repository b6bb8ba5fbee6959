package ke.thibitisha.intake;

import jakarta.json.JsonObject;
import ke.thibitisha.payments.PhoneNumbers;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Contract §2 rules 2, 4, 8, 9 and 11: everything about a request that can be decided without the database, in
 * the request thread, so that the intake writer only stores. The raw row is still stored for every outcome.
 */
final class CallbackCheck {

    static final int MAX_BODY_BYTES = 64 * 1024;

    private CallbackCheck() {
    }

    static CheckedCallback check(InboundRequest request, List<String> allowedSources, Set<String> allowedRegions) {
        String paybill = "paybill " + request.shortcode() + " " + request.kind();
        if (!allowedSources.isEmpty() && !SourceAddress.matchesAny(request.sourceIp(), allowedSources)) {
            return CheckedCallback.rejected(request, IntakeResult.status(403, "source address not allowed"),
                    paybill + ": request from " + request.sourceIp() + " is not on the allow-list");
        }
        if (request.bodyTruncated()) {
            return CheckedCallback.rejected(request, IntakeResult.status(413, "body is larger than 64 KiB"), null);
        }
        if (!isJson(request.contentType())) {
            return CheckedCallback.rejected(request, IntakeResult.status(415, "Content-Type must be application/json"), null);
        }
        try {
            JsonObject json = DarajaParser.object(request.body());
            return switch (request.kind()) {
                case STK -> stk(request, DarajaParser.stk(json), allowedRegions);
                case C2B_CONFIRMATION -> {
                    C2bNotification c2b = DarajaParser.c2b(json);
                    yield new CheckedCallback(request, null, null, null, c2b, PhoneNumbers.check(c2b.msisdn(), allowedRegions));
                }
                case C2B_VALIDATION -> new CheckedCallback(request, null, null, null, null, null);
            };
        } catch (InvalidPayloadException e) {
            return CheckedCallback.rejected(request, IntakeResult.invalid(e.getMessage()),
                    paybill + ": invalid payload (" + e.getMessage() + ")");
        } catch (ArithmeticException | NumberFormatException | ClassCastException e) {
            // hostile numbers (1e999999999) or shapes the JSON layer itself chokes on: still a clear 400
            return CheckedCallback.rejected(request, IntakeResult.invalid("payload has a value that cannot be read"),
                    paybill + ": unreadable payload (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static CheckedCallback stk(InboundRequest request, StkResult stk, Set<String> allowedRegions) {
        PhoneNumbers.Verdict phone = stk.paid() ? PhoneNumbers.check(stk.phone(), allowedRegions) : null;
        return new CheckedCallback(request, null, null, stk, null, phone);
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        return type.equals("application/json") || type.endsWith("+json");
    }
}
