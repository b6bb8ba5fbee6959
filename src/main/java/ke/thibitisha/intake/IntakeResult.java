package ke.thibitisha.intake;

import static ke.thibitisha.platform.JsonProviders.JSON;

/** The HTTP answer to give Daraja: status and a JSON body. */
public record IntakeResult(int status, String json) {

    static IntakeResult accepted() {
        return new IntakeResult(200, "{\"ResultCode\":0,\"ResultDesc\":\"Accepted\"}");
    }

    static IntakeResult validationAccepted() {
        return new IntakeResult(200, "{\"ResultCode\":\"0\",\"ResultDesc\":\"Accepted\"}");
    }

    static IntakeResult invalid(String what) {
        return new IntakeResult(400, JSON.createObjectBuilder()
                .add("ResultCode", 1).add("ResultDesc", what).build().toString());
    }

    static IntakeResult status(int status, String what) {
        return new IntakeResult(status, JSON.createObjectBuilder()
                .add("ResultCode", 1).add("ResultDesc", what).build().toString());
    }
}
