package ai.aragora.itest;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The README says only what is true today: a capability it names has the bundle that provides
 * it, and every variable it lists is documented in the configuration reference.
 */
class ReadmeClaimsIT {

    private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();

    /** A phrase the README may use only once the bundle that delivers it is in the build. */
    private static final Map<Pattern, String> CLAIMS = Map.of(
            Pattern.compile("webhook"), "ai.aragora.webhooks",
            Pattern.compile("knowledge (mound|across)|learns? across debates"), "ai.aragora.knowledge",
            Pattern.compile("encrypt"), "ai.aragora.crypto.aesgcm",
            Pattern.compile("redis"), "ai.aragora.storage.redis",
            Pattern.compile("decision router|/api/v1/decisions"), "ai.aragora.decisions");

    @Test
    void everyCapabilityTheReadmeNamesHasItsBundle() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md")).toLowerCase(Locale.ROOT);
        List<String> unbacked = new ArrayList<>();
        CLAIMS.forEach((phrase, bundle) -> {
            Matcher m = phrase.matcher(readme);
            if (m.find() && !Files.isDirectory(ROOT.resolve("bundles").resolve(bundle))) {
                unbacked.add("'" + m.group() + "' needs bundles/" + bundle);
            }
        });
        assertTrue(unbacked.isEmpty(), "README claims what does not exist: " + unbacked);
    }

    @Test
    void everyVariableTheReadmeListsIsDocumented() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        String reference = Files.readString(ROOT.resolve("docs/configuration.md"));
        List<String> missing = new ArrayList<>();
        Matcher m = Pattern.compile("`([A-Z][A-Z0-9_]+_[A-Z0-9_]+)`").matcher(readme);
        while (m.find()) {
            if (!reference.contains(m.group(1))) {
                missing.add(m.group(1));
            }
        }
        assertTrue(missing.isEmpty(), "variables in README but not in docs/configuration.md: " + missing);
    }
}
