package ke.thibitisha.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Short-lived helper commands (add-user.sh, jboss-cli.sh, jcmd), bounded in time. */
final class Commands {

    private Commands() {
    }

    /** Runs the command to its end; its output (stdout and stderr), or an exception when it failed or hung. */
    static String run(List<String> command, Duration timeout) {
        return run(command, Map.of(), timeout);
    }

    /** The same, with these variables added to its environment. */
    static String run(List<String> command, Map<String, String> env, Duration timeout) {
        Path out = null;
        try {
            out = Files.createTempFile("bench-cmd", ".out");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
            builder.environment().putAll(env);
            Process process = builder.start();
            ProcessReaper.track(process.toHandle());
            try {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new IllegalStateException(String.join(" ", command.subList(0, 2)) + " did not finish within " + timeout);
                }
                String text = Files.readString(out);
                if (process.exitValue() != 0) {
                    throw new IllegalStateException(String.join(" ", command.subList(0, 2)) + " exited with " + process.exitValue() + ":\n" + text);
                }
                return text;
            } finally {
                ProcessReaper.kill(process.toHandle());
                ProcessReaper.untrack(process.toHandle());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            if (out != null) {
                out.toFile().delete();
            }
        }
    }
}
