package ke.thibitisha.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code target/bench/report.md}: one section per scenario between marker comments. A run replaces the sections
 * of the scenarios it ran and keeps the others, so single-scenario runs add up to a full report.
 */
final class Report {

    static final List<String> ORDER = List.of("intake_vs_seed", "intake", "footprint", "latency", "surge", "crash", "outage",
            "cluster");
    private static final Pattern SECTION = Pattern.compile("<!-- bench:(\\w+) -->\\n(.*?)<!-- /bench:\\1 -->\\n",
            Pattern.DOTALL);

    private final Path file;
    private final Map<String, String> sections = new LinkedHashMap<>();

    Report(Path dir) {
        this.file = dir.resolve("report.md");
        if (Files.exists(file)) {
            try {
                Matcher matcher = SECTION.matcher(Files.readString(file, StandardCharsets.UTF_8));
                while (matcher.find()) {
                    sections.put(matcher.group(1), matcher.group(2));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    Path file() {
        return file;
    }

    /** Replaces the scenario's section, rewrites the file, and prints the section. */
    void put(Section section) {
        String markdown = section.markdown();
        sections.put(section.name(), markdown);
        StringBuilder out = new StringBuilder("""
                # Thibitisha benchmarks

                Written by `ke.thibitisha.bench.Bench` (src/test/java/ke/thibitisha/bench); each run replaces the
                sections of the scenarios it ran.

                """);
        ORDER.stream().filter(sections::containsKey).forEach(name ->
                out.append("<!-- bench:").append(name).append(" -->\n").append(sections.get(name))
                        .append("<!-- /bench:").append(name).append(" -->\n"));
        try {
            Files.writeString(file, out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.println(markdown);
    }
}
