package ai.aragora.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Every command that reads or writes stored data boots the store the environment selects. */
class CommandCatalogTest {

    private final CommandCatalog catalog = CommandCatalog.standard();

    private List<String> boots(Map<String, String> env, String command, String... args) throws Exception {
        CommandCatalog.Spec spec = catalog.find(command).orElseThrow();
        StorageSettings storage = StorageSettings.from(env);
        return storage.select(CommandCatalog.features(spec, spec.store().by(List.of(args)), storage.mode()));
    }

    @Test
    void storedDataCommandsBootTheSelectedStore() throws Exception {
        Map<String, String> postgres = Map.of("ARAGORA_STORAGE_MODE", "postgres", "DATABASE_URL", "postgresql://u:p@db:5432/a");
        for (String command : List.of("debate", "decisions", "migrate", "backup", "integrity-check", "cleanup")) {
            assertThat(boots(Map.of(), command)).as(command).contains("sqlite").doesNotContain("postgres");
            assertThat(boots(postgres, command)).as(command).contains("postgres").doesNotContain("sqlite");
        }
        assertThat(boots(Map.of(), "receipt", "export", "r-1", "--format", "odr")).contains("core", "sqlite");
        assertThat(boots(postgres, "receipt", "export", "r-1", "--format", "odr")).contains("core", "postgres");
    }

    @Test
    void commandsThatNeedNoStoreBootNone() throws Exception {
        assertThat(boots(Map.of(), "receipt", "verify", "r.json")).containsExactly("core");
        assertThat(boots(Map.of(), "receipt")).containsExactly("core");
        assertThat(boots(Map.of(), "benchmark")).containsExactly("core", "memory", "demo");
    }

    @Test
    void theResolvedProfilesIncludeTheDefaultStore() {
        assertThat(LaunchPlan.profiles().get("receipt")).contains("sqlite");
        assertThat(LaunchPlan.profiles().get("migrate")).contains("sqlite", "migrations");
    }
}
