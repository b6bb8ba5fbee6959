package ke.thibitisha.platform;

import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.AroundTimeout;
import jakarta.interceptor.InvocationContext;
import ke.thibitisha.payments.MaskedFailure;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Logs, masked, a failure that leaves a message listener or a timer, where no code of ours catches it; then lets it
 * go on (the broker redelivers the message, the timer runs again). The server's own log of EJB system exceptions is
 * off (configure.cli) because it prints a driver's message whole, and H2's quotes the locked row, phone included.
 */
public class EntryPointFailures {

    private static final Logger LOG = Logger.getLogger(EntryPointFailures.class.getName());

    @AroundInvoke
    public Object message(InvocationContext invocation) throws Exception {
        return logged(invocation, "the broker redelivers the message");
    }

    @AroundTimeout
    public Object timeout(InvocationContext invocation) throws Exception {
        return logged(invocation, "the timer runs again");
    }

    private static Object logged(InvocationContext invocation, String then) throws Exception {
        try {
            return invocation.proceed();
        } catch (Exception | Error e) {
            LOG.log(Level.SEVERE, invocation.getMethod().getDeclaringClass().getSimpleName() + "."
                    + invocation.getMethod().getName() + " failed; " + then, MaskedFailure.of(e));
            throw e;
        }
    }
}
