package ai.aragora.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class EnvironmentVariablesTest {

    @Test
    void onlyUnreadPrefixedNamesAreUnknown() {
        Map<String, String> env = Map.of("ARAGORA_DATA_DIR", "/d", "ARAGORA_MAX_THREADS", "4", "ARAGORA_NOT_A_SETTING", "65536",
                "PATH", "/bin", "DATABASE_URL", "x", "aragora_lower", "y");
        assertThat(EnvironmentVariables.unknown(env)).containsExactly("ARAGORA_MAX_THREADS", "ARAGORA_NOT_A_SETTING");
    }

    @Test
    void theMessageNamesTheVariablesNeverTheirValues() {
        String line = EnvironmentVariables.describe(new TreeSet<>(Set.of("ARAGORA_MAX_THREADS", "ARAGORA_WS_MAX_MESSAGE_SIZE")));
        assertThat(line).contains("ARAGORA_MAX_THREADS, ARAGORA_WS_MAX_MESSAGE_SIZE").doesNotContain("\n");
        assertThat(EnvironmentVariables.describe(Set.of("ARAGORA_X"))).startsWith("unknown environment variable ARAGORA_X:");
    }

    /** Settings reads every variable once; any it reads that the list lacks fails here. */
    @Test
    void everyVariableTheSettingsReadIsKnown() throws Exception {
        Map<String, String> env = new HashMap<>();
        for (String name : EnvironmentVariables.KNOWN) {
            env.put(name, "");
        }
        Settings.from(env, Map.of());
        assertThatThrownBy(() -> Settings.value(Map.of(), "ARAGORA_NOT_LISTED")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void everyVariableTheDocumentationDescribesIsKnown() throws IOException {
        Path doc = Path.of("..", "docs", "configuration.md");
        Matcher m = Pattern.compile("`(ARAGORA_[A-Z0-9_]+)`").matcher(Files.readString(doc));
        Set<String> documented = new TreeSet<>();
        while (m.find()) {
            documented.add(m.group(1));
        }
        assertThat(documented).isNotEmpty();
        assertThat(EnvironmentVariables.KNOWN).containsAll(documented);
    }
}
