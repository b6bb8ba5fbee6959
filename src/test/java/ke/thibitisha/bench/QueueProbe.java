package ke.thibitisha.bench;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The dial queue's depth three ways at (almost) one moment: what the app's GET /api/stats says, what the broker
 * says through the management CLI (messages, and how many of them are out for delivery to the dialer), and the
 * truth from the simulator (payments accepted minus calls created).
 */
record QueueProbe(int appQueueDepth, long brokerMessages, long brokerDelivering, int notYetDialled) {

    private static final String QUEUE = "/subsystem=messaging-activemq/server=default/jms-queue=ThibitishaCalls";
    private static final Pattern MESSAGES = Pattern.compile("\"message-count\" => (\\d+)L");
    private static final Pattern DELIVERING = Pattern.compile("\"delivering-count\" => (\\d+)");

    static QueueProbe take(SurgeRun run) {
        int notYetDialled = run.notYetDialled(run.rig().sim().state());
        int app = run.rig().app().stats().getInt("queue_depth");
        String broker = run.rig().server().cli(QUEUE + ":read-resource(include-runtime=true)");
        return new QueueProbe(app, number(MESSAGES, broker), number(DELIVERING, broker), notYetDialled);
    }

    /** The app's figure is close to the truth, both read back to back before the (slow) CLI. */
    boolean plausible(int cap) {
        return Math.abs(appQueueDepth - notYetDialled) <= Math.max(cap, notYetDialled / 10);
    }

    String describe() {
        return String.format("app queue_depth %d; broker message-count %d, of which delivering %d; "
                + "accepted but not yet dialled %d", appQueueDepth, brokerMessages, brokerDelivering, notYetDialled);
    }

    private static long number(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? Long.parseLong(matcher.group(1)) : -1;
    }
}
