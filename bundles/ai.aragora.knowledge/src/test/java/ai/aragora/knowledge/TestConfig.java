package ai.aragora.knowledge;

import java.lang.annotation.Annotation;

/** The mound's configuration with its defaults, each overridable. */
class TestConfig implements KnowledgeConfig {

    boolean enabled = true;
    int budget = 600;
    double minSimilarity = 0.45;
    double lexicalBoost = 0.05;
    int importMaxMegabytes = 32;
    int cacheMaxEntries = 1000;
    int cacheBackgroundDelayMs = 1000;
    int glacialRetentionDays = 365;

    @Override
    public Class<? extends Annotation> annotationType() {
        return KnowledgeConfig.class;
    }

    @Override
    public boolean enabled() {
        return enabled;
    }

    @Override
    public String default_workspace() {
        return "default";
    }

    @Override
    public int recall_token_budget() {
        return budget;
    }

    @Override
    public double recall_min_confidence() {
        return 0.3;
    }

    @Override
    public double recall_min_similarity() {
        return minSimilarity;
    }

    @Override
    public double lexical_boost() {
        return lexicalBoost;
    }

    @Override
    public int fast_retention_days() {
        return 7;
    }

    @Override
    public int glacial_retention_days() {
        return glacialRetentionDays;
    }

    @Override
    public int decay_after_days() {
        return 30;
    }

    @Override
    public int decay_half_life_days() {
        return 180;
    }

    @Override
    public double decay_floor() {
        return 0.1;
    }

    @Override
    public int medium_retention_days() {
        return 30;
    }

    @Override
    public int slow_retention_days() {
        return 180;
    }

    @Override
    public int sync_interval_seconds() {
        return 30;
    }

    @Override
    public int import_max_megabytes() {
        return importMaxMegabytes;
    }

    @Override
    public int cache_max_entries() {
        return cacheMaxEntries;
    }

    @Override
    public int cache_ttl_seconds() {
        return 60;
    }

    @Override
    public int cache_background_delay_ms() {
        return cacheBackgroundDelayMs;
    }
}
