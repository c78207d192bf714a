package ai.aragora.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import ai.aragora.launcher.spi.UsageException;

class RedisSettingsTest {

    private static final String PG = "postgresql://aragora:pw@db:5432/aragora";

    @Test
    void urlsAreTakenApartOnce() throws Exception {
        assertThat(RedisSettings.parse("redis://cache.internal")).isEqualTo(new RedisSettings.Url(false, "cache.internal", 6379, "", "", 0));
        assertThat(RedisSettings.parse("rediss://app:p%40ss@cache:6380/3"))
                .isEqualTo(new RedisSettings.Url(true, "cache", 6380, "app", "p@ss", 3));
        assertThat(RedisSettings.parse("redis://:only-secret@127.0.0.1:6379/"))
                .isEqualTo(new RedisSettings.Url(false, "127.0.0.1", 6379, "", "only-secret", 0));
        assertThat(RedisSettings.parse("REDIS://only%2Bsecret@cache"))
                .isEqualTo(new RedisSettings.Url(false, "cache", 6379, "", "only+secret", 0));
    }

    @Test
    void aMalformedUrlNamesTheVariableButNotTheValue() {
        for (String bad : List.of("http://cache:6379", "redis://", "redis://u:s3cret-value@cache/x", "redis://cache/1?x=s3cret-value",
                "cache:6379", "redis://u:%zz@cache", "s3cret-value:x@cache:6379", "redis://u:s3cret-value@")) {
            assertThatThrownBy(() -> Settings.from(Map.of("ARAGORA_REDIS_URL", bad), Map.of()))
                    .as(bad).isInstanceOf(UsageException.class)
                    .hasMessageStartingWith("ARAGORA_REDIS_URL").hasMessageNotContaining("s3cret-value");
        }
    }

    @Test
    void theBrokerIsBootedForAServerOnlyWhenConfigured() throws Exception {
        Settings without = Settings.from(Map.of(), Map.of());
        assertThat(without.select(Settings.DEFAULT_FEATURES)).isEqualTo(Settings.DEFAULT_FEATURES);
        Settings with = Settings.from(Map.of("ARAGORA_REDIS_URL", "redis://:s3cret-value@cache:6379/2"), Map.of());
        assertThat(with.select(Settings.DEFAULT_FEATURES)).endsWith("redis");
        assertThat(with.select(List.of("core", "sqlite", "storage-tools"))).doesNotContain("redis");
        assertThat(with.toString()).contains("cache:6379/2").doesNotContain("s3cret-value");

        Map<String, Object> config = Configurations.of(with, new Configurations.Secrets("a", "b", "c"),
                new EncryptionKeys(List.of(), 1), "t", List.of()).get(RedisSettings.PID);
        assertThat(config).containsEntry("host", "cache").containsEntry("port", 6379).containsEntry("database", 2)
                .containsEntry("tls", false).containsEntry(".password", "s3cret-value");
        assertThat(Configurations.of(without, new Configurations.Secrets("a", "b", "c"), new EncryptionKeys(List.of(), 1), "t", List.of()))
                .doesNotContainKey(RedisSettings.PID);
    }

    @Test
    void theMoundsSharedCacheHasItsOwnUrlAndBootsTheBundleForWhateverLoadsTheMound() throws Exception {
        Settings s = Settings.from(Map.of("KNOWLEDGE_MOUND_REDIS_URL", "rediss://km:s3cret-value@km-cache:6380/4"), Map.of());
        assertThat(s.select(Settings.DEFAULT_FEATURES)).endsWith("redis");
        assertThat(s.select(List.of("core", "sqlite", "knowledge"))).as("the knowledge command's writes reach it").endsWith("redis");
        assertThat(s.select(List.of("core", "http", "sqlite"))).doesNotContain("redis");
        assertThat(s.toString()).contains("km-cache:6380/4").doesNotContain("s3cret-value");

        Map<String, Map<String, Object>> configs = Configurations.of(s, new Configurations.Secrets("a", "b", "c"),
                new EncryptionKeys(List.of(), 1), "t", List.of());
        assertThat(configs).doesNotContainKey(RedisSettings.PID);
        assertThat(configs.get(RedisSettings.CACHE_PID)).containsEntry("cache.purpose", "knowledge-mound")
                .containsEntry("host", "km-cache").containsEntry("port", 6380).containsEntry("database", 4)
                .containsEntry("tls", true).containsEntry("user", "km").containsEntry(".password", "s3cret-value");

        assertThatThrownBy(() -> Settings.from(Map.of("KNOWLEDGE_MOUND_REDIS_URL", "http://u:s3cret-value@cache"), Map.of()))
                .isInstanceOf(UsageException.class).hasMessageStartingWith("KNOWLEDGE_MOUND_REDIS_URL")
                .hasMessageNotContaining("s3cret-value");
    }

    @Test
    void requiringDistributionNamesEverythingMissing() throws Exception {
        Settings nothing = Settings.from(Map.of("ARAGORA_REQUIRE_DISTRIBUTED", "true"), Map.of());
        assertThatThrownBy(() -> nothing.select(Settings.DEFAULT_FEATURES)).isInstanceOf(UsageException.class)
                .hasMessageStartingWith("ARAGORA_REQUIRE_DISTRIBUTED=true: refusing to start without PostgreSQL storage")
                .hasMessageContaining("ARAGORA_REDIS_URL");
        Settings noRedis = Settings.from(Map.of("ARAGORA_REQUIRE_DISTRIBUTED", "true", "ARAGORA_STORAGE_MODE", "postgres",
                "DATABASE_URL", PG), Map.of());
        assertThatThrownBy(() -> noRedis.select(Settings.DEFAULT_FEATURES)).isInstanceOf(UsageException.class)
                .hasMessageContaining("Redis (ARAGORA_REDIS_URL").hasMessageNotContaining("PostgreSQL");
        Settings both = Settings.from(Map.of("ARAGORA_REQUIRE_DISTRIBUTED", "true", "ARAGORA_STORAGE_MODE", "postgres",
                "DATABASE_URL", PG, "ARAGORA_REDIS_URL", "redis://cache"), Map.of());
        assertThat(both.select(Settings.DEFAULT_FEATURES)).contains("postgres", "redis").doesNotContain("sqlite");
    }
}
