package ke.thibitisha.bench;

import java.nio.file.Path;
import java.util.List;

/** One benchmark or drill: runs against a started rig and returns its report sections. */
interface Scenario {

    /** Runs it; charts and other files go to {@code outDir}. */
    List<Section> run(Rig rig, Path outDir);

    /** A section headed with the scenario, what was typed and the machine. */
    static Section section(String name, String heading, Rig rig) {
        return new Section(name, name + ": " + heading)
                .context("Run `Bench " + rig.options().commandLine() + "` on " + Machine.describe() + ".");
    }
}
