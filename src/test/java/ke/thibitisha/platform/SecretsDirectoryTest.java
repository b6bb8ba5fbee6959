package ke.thibitisha.platform;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Secrets mounted as files (Docker / Kubernetes): one file per key, either name form. */
class SecretsDirectoryTest {

    @Test
    void readsOneFilePerKeyInEitherNameForm(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("PAYBILL_174379_TOKEN"), "t0ken-from-file\n");
        Files.writeString(dir.resolve("sautikit.webhook.secret"), "whsec_file");
        SecretsDirectory source = new SecretsDirectory(dir);

        assertEquals("t0ken-from-file", source.getValue("paybill.174379.token"));
        assertEquals("t0ken-from-file", source.getValue("PAYBILL_174379_TOKEN"));
        assertEquals("whsec_file", source.getValue("sautikit.webhook.secret"));
        assertNull(source.getValue("sautikit.api.key"));
    }

    @Test
    void skipsHiddenFilesAndDirectories(@TempDir Path dir) throws Exception {
        Files.createDirectory(dir.resolve("..2026_12_01"));
        Files.writeString(dir.resolve(".hidden"), "x");
        Files.writeString(dir.resolve("SAUTIKIT_API_KEY"), "key");
        assertEquals(Set.of("SAUTIKIT_API_KEY"), new SecretsDirectory(dir).getPropertyNames());
    }

    @Test
    void aMissingDirectoryIsHarmless(@TempDir Path dir) {
        SecretsDirectory source = new SecretsDirectory(dir.resolve("absent"));
        assertEquals(Set.of(), source.getPropertyNames());
        assertNull(source.getValue("paybill.174379.token"));
    }

    @Test
    void environmentFormOfAKey() {
        assertEquals("PAYBILL_174379_TOKEN", SecretsDirectory.envForm("paybill.174379.token"));
    }
}
