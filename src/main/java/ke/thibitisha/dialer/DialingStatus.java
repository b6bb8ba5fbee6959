package ke.thibitisha.dialer;

/** Whether dialling runs ({@code running}) or not ({@code paused}, with the reason), and which node dials. */
public record DialingStatus(String state, String reason, String node) {

    public boolean paused() {
        return "paused".equals(state);
    }
}
