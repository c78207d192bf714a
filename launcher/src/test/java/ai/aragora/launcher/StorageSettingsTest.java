package ai.aragora.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import ai.aragora.launcher.spi.DatabaseUrl;
import ai.aragora.launcher.spi.UsageException;

/** ARAGORA_STORAGE_MODE, DATABASE_URL and the storage settings reach the storage bundles' configurations; the password goes nowhere else. */
class StorageSettingsTest {

    private static final Configurations.Secrets SECRETS = new Configurations.Secrets("a", "j", "s");
    private static final String URL = "postgresql://aragora:p%40ss:w0rd@db.internal:6543/aragora?sslmode=require";

    @Test
    void sqliteIsTheDefaultAndTheFeatureListStaysAsGiven() throws Exception {
        StorageSettings s = Settings.from(Map.of(), Map.of()).storage();
        assertThat(s.mode()).isEqualTo("sqlite");
        assertThat(Settings.DEFAULT_FEATURES).contains("sqlite");
        assertThat(s.select(Settings.DEFAULT_FEATURES)).isEqualTo(Settings.DEFAULT_FEATURES);
        assertThat(s.select(List.of("core", "http"))).containsExactly("core", "http");
        Map<String, Object> storage = Configurations.of(Settings.from(Map.of(), Map.of()), SECRETS, new EncryptionKeys(List.of(), 1), "t", List.of()).get("ai.aragora.storage");
        assertThat(storage).containsEntry("receipt.retention.days", 2555).containsEntry("receipt.cleanup.interval.hours", 24)
                .doesNotContainKey("auto.migrate");
    }

    @Test
    void postgresModeSwapsTheStorageFeatureAndMapsDatabaseUrl() throws Exception {
        Settings settings = Settings.from(Map.of("ARAGORA_STORAGE_MODE", "postgres", "DATABASE_URL", URL, "ARAGORA_DB_POOL_SIZE", "20"), Map.of());
        assertThat(settings.storage().select(List.of("core", "http", "sqlite", "demo"))).containsExactly("core", "http", "postgres", "demo");
        Map<String, Object> pg = Configurations.of(settings, SECRETS, new EncryptionKeys(List.of(), 1), "t", List.of()).get("ai.aragora.storage.postgres");
        assertThat(pg).containsEntry("url", "jdbc:postgresql://db.internal:6543/aragora?sslmode=require")
                .containsEntry("user", "aragora").containsEntry(".password", "p@ss:w0rd").containsEntry("pool.size", 20);
        assertThat(settings.toString()).doesNotContain("p@ss", "w0rd");
    }

    @Test
    void theKnowledgeMoundsOwnDatabaseGoesToThePostgresBackendWithPostgresStorage() throws Exception {
        Settings settings = Settings.from(Map.of("ARAGORA_STORAGE_MODE", "postgres", "DATABASE_URL", URL,
                "KNOWLEDGE_MOUND_DATABASE_URL", "postgresql://km:s3cret-km@km.internal/mound"), Map.of());
        settings.storage().select(List.of("core", "postgres"));
        Map<String, Object> pg = Configurations.of(settings, SECRETS, new EncryptionKeys(List.of(), 1), "t", List.of()).get("ai.aragora.storage.postgres");
        assertThat(pg).containsEntry("knowledge.url", "jdbc:postgresql://km.internal:5432/mound").containsEntry("knowledge.user", "km")
                .containsEntry(".knowledge.password", "s3cret-km").containsEntry("url", "jdbc:postgresql://db.internal:6543/aragora?sslmode=require");
        assertThat(settings.toString()).doesNotContain("s3cret-km");

        assertThatThrownBy(() -> Settings.from(Map.of("KNOWLEDGE_MOUND_DATABASE_URL", "postgresql://km:s3cret-km@km.internal/mound"),
                Map.of()).storage().select(List.of("core", "memory"))).isInstanceOf(UsageException.class)
                .hasMessageContaining("KNOWLEDGE_MOUND_DATABASE_URL needs SQLite or PostgreSQL storage").hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> Settings.from(Map.of("KNOWLEDGE_MOUND_DATABASE_URL", "mysql://km:s3cret-km@h/db"), Map.of()))
                .isInstanceOf(UsageException.class).hasMessageContaining("KNOWLEDGE_MOUND_DATABASE_URL").hasMessageNotContaining("s3cret");
    }

    @Test
    void besideSqliteTheKnowledgeMoundsDatabaseIsOpenedByThePostgresBundleAndTheSqliteBackendWaitsForIt() throws Exception {
        Settings settings = Settings.from(Map.of("KNOWLEDGE_MOUND_DATABASE_URL", "postgresql://km:s3cret-km@km.internal/mound",
                "ARAGORA_DB_POOL_SIZE", "6"), Map.of());
        List<String> selected = settings.storage().select(Settings.DEFAULT_FEATURES);
        assertThat(selected).contains("sqlite", "storage-tools").doesNotContain("postgres");
        assertThat(settings.storage().select(List.of("core", "sqlite", "storage-tools"))).containsOnlyOnce("storage-tools");

        Map<String, Map<String, Object>> configs = Configurations.of(settings, SECRETS, new EncryptionKeys(List.of(), 1), "t",
                selected.stream().map(f -> new Feature(f, f, "", List.of(), Map.of())).toList());
        assertThat(configs.get(StorageSettings.SEPARATE_KNOWLEDGE_PID)).containsEntry("url", "jdbc:postgresql://km.internal:5432/mound")
                .containsEntry("user", "km").containsEntry(".password", "s3cret-km").containsEntry("pool.size", 6);
        assertThat(configs.get(StorageSettings.SQLITE_PID)).containsEntry("separate.cardinality.minimum", 1);
        assertThat(configs).doesNotContainKey(StorageSettings.POSTGRES_PID + ".selected");
        assertThat(configs.getOrDefault(StorageSettings.POSTGRES_PID, Map.of())).doesNotContainKey("knowledge.url");
    }

    @Test
    void theDefaultPortIs5432AndPostgresSchemeAliasesWork() throws Exception {
        assertThat(DatabaseUrl.parse("postgres://u@localhost/db", "DATABASE_URL").jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/db");
    }

    @Test
    void aBadDatabaseUrlIsRefusedWithoutEchoingIt() {
        for (String bad : List.of("mysql://u:hunter2@h/db", "postgresql://u:hunter2@/db", "postgresql://u:hunter2@h:5432/", "not a url hunter2",
                "hunter2:x@h:5432/db", "postgresql://u:%zzhunter2@h/db")) {
            assertThatThrownBy(() -> Settings.from(Map.of("DATABASE_URL", bad), Map.of()))
                    .isInstanceOf(UsageException.class).hasMessageContaining("DATABASE_URL").hasMessageNotContaining("hunter2");
        }
    }

    @Test
    void postgresWithoutDatabaseUrlIsAUsageError() {
        assertThatThrownBy(() -> Settings.from(Map.of("ARAGORA_STORAGE_MODE", "postgres"), Map.of()))
                .isInstanceOf(UsageException.class).hasMessageContaining("needs DATABASE_URL");
        assertThatThrownBy(() -> Settings.from(Map.of("ARAGORA_STORAGE_MODE", "mongo"), Map.of()))
                .isInstanceOf(UsageException.class).hasMessageContaining("sqlite or postgres");
    }

    @Test
    void requiringDistributionRefusesSqlite() throws Exception {
        Settings s = Settings.from(Map.of("ARAGORA_REQUIRE_DISTRIBUTED", "true"), Map.of());
        assertThatThrownBy(() -> s.select(List.of("core", "sqlite", "storage-tools"))).isInstanceOf(UsageException.class)
                .hasMessageContaining("without PostgreSQL storage").hasMessageNotContaining("Redis");
        Settings pg = Settings.from(Map.of("ARAGORA_REQUIRE_DISTRIBUTED", "true", "ARAGORA_STORAGE_MODE", "postgres",
                "DATABASE_URL", URL), Map.of());
        assertThat(pg.select(List.of("core", "sqlite", "storage-tools"))).contains("postgres").doesNotContain("sqlite");
    }

    @Test
    void retentionAndMigrationSettingsAreChecked() throws Exception {
        Settings s = Settings.from(Map.of("ARAGORA_RECEIPT_RETENTION_DAYS", "30", "ARAGORA_RECEIPT_CLEANUP_INTERVAL_HOURS", "6",
                "ARAGORA_DB_AUTO_MIGRATE", "false"), Map.of());
        assertThat(Configurations.of(s, SECRETS, new EncryptionKeys(List.of(), 1), "t", List.of()).get("ai.aragora.storage"))
                .containsEntry("receipt.retention.days", 30).containsEntry("receipt.cleanup.interval.hours", 6)
                .containsEntry("auto.migrate", false);
        assertThatThrownBy(() -> Settings.from(Map.of("ARAGORA_RECEIPT_RETENTION_DAYS", "0"), Map.of()))
                .hasMessageContaining("ARAGORA_RECEIPT_RETENTION_DAYS");
        assertThatThrownBy(() -> Settings.from(Map.of("ARAGORA_REQUIRE_DISTRIBUTED", "maybe"), Map.of()))
                .hasMessageContaining("true or false");
    }
}
