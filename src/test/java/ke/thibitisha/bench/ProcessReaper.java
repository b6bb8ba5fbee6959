package ke.thibitisha.bench;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every process the harness started, so that a JVM exit for any reason (end of run, exception, Ctrl-C)
 * takes them down too: a shutdown hook kills what is still alive, children first.
 */
final class ProcessReaper {

    private static final Set<ProcessHandle> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ProcessReaper::killAll, "bench-reaper"));
    }

    private ProcessReaper() {
    }

    static void track(ProcessHandle process) {
        LIVE.add(process);
    }

    static void untrack(ProcessHandle process) {
        LIVE.remove(process);
    }

    /** SIGKILL to the process and everything it started. */
    static void kill(ProcessHandle process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private static void killAll() {
        LIVE.forEach(ProcessReaper::kill);
    }
}
