package ke.thibitisha.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One scenario's part of the report, in Markdown: a table of figures, then tables, images and notes in the
 * order they were added, then the checks with PASS / FAIL.
 */
final class Section {

    private record Check(String what, boolean passed, String measured) {
    }

    private final String name;
    private final String heading;
    private String context = "";
    private final Map<String, String> figures = new LinkedHashMap<>();
    private final List<String> blocks = new ArrayList<>();
    private final List<Check> checks = new ArrayList<>();

    Section(String name, String heading) {
        this.name = name;
        this.heading = heading;
    }

    String name() {
        return name;
    }

    /** A line shown under the heading: how and where the figures were taken. */
    Section context(String text) {
        context = text;
        return this;
    }

    Section figure(String label, String value) {
        figures.put(label, value);
        return this;
    }

    Section table(List<String> header, List<List<String>> rows) {
        StringBuilder md = new StringBuilder(row(header)).append(row(header.stream().map(h -> "---").toList()));
        rows.forEach(r -> md.append(row(r)));
        blocks.add(md.toString());
        return this;
    }

    Section note(String text) {
        blocks.add(text + "\n");
        return this;
    }

    Section image(String file, String alt) {
        blocks.add("![" + alt + "](" + file + ")\n");
        return this;
    }

    /** A pass/fail statement about the product, with what was measured. */
    Section check(String what, boolean passed, String measured) {
        checks.add(new Check(what, passed, measured));
        return this;
    }

    List<String> failures() {
        return checks.stream().filter(c -> !c.passed()).map(c -> name + ": " + c.what() + " (" + c.measured() + ")")
                .toList();
    }

    String markdown() {
        StringBuilder md = new StringBuilder("## ").append(heading).append("\n\n");
        if (!context.isEmpty()) {
            md.append(context).append("\n\n");
        }
        if (!figures.isEmpty()) {
            md.append(row(List.of("figure", "value"))).append(row(List.of("---", "---")));
            figures.forEach((label, value) -> md.append(row(List.of(label, value))));
            md.append('\n');
        }
        blocks.forEach(block -> md.append(block).append('\n'));
        if (!checks.isEmpty()) {
            md.append("Checks:\n\n");
            checks.forEach(c -> md.append("- **").append(c.passed() ? "PASS" : "FAIL").append("** ")
                    .append(c.what()).append(": ").append(c.measured()).append('\n'));
            md.append('\n');
        }
        return md.toString();
    }

    private static String row(List<String> cells) {
        return "| " + String.join(" | ", cells.stream().map(c -> c.replace("|", "\\|")).toList()) + " |\n";
    }
}
