package ai.aragora.launcher;

import static ai.aragora.launcher.Settings.integer;
import static ai.aragora.launcher.Settings.value;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import ai.aragora.launcher.spi.DatabaseUrl;
import ai.aragora.launcher.spi.UsageException;

/**
 * Where data is kept: {@code ARAGORA_STORAGE_MODE} picks the storage feature ({@code sqlite},
 * the default, or {@code postgres} with {@code DATABASE_URL}); {@code KNOWLEDGE_MOUND_DATABASE_URL}
 * gives the Knowledge Mound a PostgreSQL database of its own (beside PostgreSQL storage, or beside
 * SQLite files, for which the storage tools bring the PostgreSQL bundle along);
 * {@code ARAGORA_REQUIRE_DISTRIBUTED} refuses SQLite; retention and pool settings go to the
 * storage bundles' configurations. Database passwords reach Configuration Admin only, never a message.
 */
record StorageSettings(
        String mode,
        boolean modeSet,
        Optional<DatabaseUrl> database,
        Optional<DatabaseUrl> knowledgeDatabase,
        boolean requireDistributed,
        int receiptRetentionDays,
        int receiptCleanupIntervalHours,
        Optional<Integer> poolSize,
        Optional<Integer> poolTimeoutSeconds,
        Optional<Boolean> autoMigrate) {

    static final String SQLITE = "sqlite";
    static final String POSTGRES = "postgres";
    static final String STORAGE_PID = "ai.aragora.storage";
    static final String SQLITE_PID = "ai.aragora.storage.sqlite";
    static final String POSTGRES_PID = "ai.aragora.storage.postgres";
    static final String SEPARATE_KNOWLEDGE_PID = "ai.aragora.storage.postgres.knowledge";
    static final String TOOLS = "storage-tools";

    static StorageSettings from(Map<String, String> env) throws UsageException {
        Optional<String> rawMode = value(env, "ARAGORA_STORAGE_MODE").map(m -> m.trim().toLowerCase(Locale.ROOT));
        String mode = rawMode.orElse(SQLITE);
        if (!mode.equals(SQLITE) && !mode.equals(POSTGRES)) {
            throw new UsageException("ARAGORA_STORAGE_MODE must be sqlite or postgres (got '" + rawMode.get() + "')");
        }
        Optional<DatabaseUrl> database = value(env, "DATABASE_URL").isPresent()
                ? Optional.of(DatabaseUrl.parse(env.get("DATABASE_URL"), "DATABASE_URL")) : Optional.empty();
        if (mode.equals(POSTGRES) && database.isEmpty()) {
            throw new UsageException("ARAGORA_STORAGE_MODE=postgres needs DATABASE_URL=postgresql://user:pass@host:port/db");
        }
        Optional<DatabaseUrl> knowledge = value(env, "KNOWLEDGE_MOUND_DATABASE_URL").isPresent()
                ? Optional.of(DatabaseUrl.parse(env.get("KNOWLEDGE_MOUND_DATABASE_URL"), "KNOWLEDGE_MOUND_DATABASE_URL")) : Optional.empty();
        Optional<Integer> pool = value(env, "ARAGORA_DB_POOL_SIZE").isPresent()
                ? Optional.of(integer(env, "ARAGORA_DB_POOL_SIZE", 10, 1, 500)) : Optional.empty();
        Optional<Integer> poolTimeout = value(env, "ARAGORA_DB_POOL_TIMEOUT").isPresent()
                ? Optional.of(integer(env, "ARAGORA_DB_POOL_TIMEOUT", 30, 1, 600)) : Optional.empty();
        return new StorageSettings(mode, rawMode.isPresent(), database, knowledge, bool(env, "ARAGORA_REQUIRE_DISTRIBUTED").orElse(false),
                integer(env, "ARAGORA_RECEIPT_RETENTION_DAYS", 2555, 1, 36_500),
                integer(env, "ARAGORA_RECEIPT_CLEANUP_INTERVAL_HOURS", 24, 1, 8760),
                pool, poolTimeout, bool(env, "ARAGORA_DB_AUTO_MIGRATE"));
    }

    /**
     * The features to boot: with ARAGORA_STORAGE_MODE set, the storage feature named in the list
     * is swapped for the selected one ({@link Settings#select} refuses SQLite when distribution is required).
     */
    List<String> select(List<String> features) throws UsageException {
        List<String> out = new ArrayList<>();
        for (String f : features) {
            String chosen = modeSet && (f.equals(SQLITE) || f.equals(POSTGRES)) ? mode : f;
            if (!out.contains(chosen)) {
                out.add(chosen);
            }
        }
        if (out.contains(POSTGRES) && database.isEmpty()) {
            throw new UsageException("the postgres feature needs DATABASE_URL=postgresql://user:pass@host:port/db");
        }
        if (knowledgeDatabase.isPresent() && !out.contains(POSTGRES)) {
            if (!out.contains(SQLITE)) {
                throw new UsageException("KNOWLEDGE_MOUND_DATABASE_URL needs SQLite or PostgreSQL storage (features "
                        + String.join(",", out) + " have neither)");
            }
            if (!out.contains(TOOLS)) {
                out.add(TOOLS);
            }
        }
        return List.copyOf(out);
    }

    /** Whether the mound goes to its own PostgreSQL database beside SQLite files, given the selected features. */
    private boolean separateKnowledge(List<String> features) {
        return knowledgeDatabase.isPresent() && features.contains(SQLITE) && !features.contains(POSTGRES);
    }

    void configure(Map<String, Map<String, Object>> configs, List<String> features) {
        Map<String, Object> storage = configs.computeIfAbsent(STORAGE_PID, k -> new LinkedHashMap<>());
        storage.put("receipt.retention.days", receiptRetentionDays);
        storage.put("receipt.cleanup.interval.hours", receiptCleanupIntervalHours);
        autoMigrate.ifPresent(v -> storage.put("auto.migrate", v));
        poolSize.ifPresent(size -> {
            configs.computeIfAbsent(SQLITE_PID, k -> new LinkedHashMap<>()).put("pool.size", size);
            configs.computeIfAbsent(POSTGRES_PID, k -> new LinkedHashMap<>()).put("pool.size", size);
        });
        poolTimeoutSeconds.ifPresent(seconds -> {
            configs.computeIfAbsent(SQLITE_PID, k -> new LinkedHashMap<>()).put("pool.timeout.seconds", seconds);
            configs.computeIfAbsent(POSTGRES_PID, k -> new LinkedHashMap<>()).put("pool.timeout.seconds", seconds);
        });
        database.ifPresent(db -> {
            Map<String, Object> pg = configs.computeIfAbsent(POSTGRES_PID, k -> new LinkedHashMap<>());
            pg.put("url", db.jdbcUrl());
            pg.put("user", db.user());
            pg.put(".password", db.password());
        });
        if (separateKnowledge(features)) {
            DatabaseUrl db = knowledgeDatabase.get();
            Map<String, Object> km = configs.computeIfAbsent(SEPARATE_KNOWLEDGE_PID, k -> new LinkedHashMap<>());
            km.put("url", db.jdbcUrl());
            km.put("user", db.user());
            km.put(".password", db.password());
            poolSize.ifPresent(size -> km.put("pool.size", Math.max(2, size)));
            poolTimeoutSeconds.ifPresent(seconds -> km.put("pool.timeout.seconds", seconds));
            // The SQLite backend waits for it: the mound's data must never land in a file instead.
            configs.computeIfAbsent(SQLITE_PID, k -> new LinkedHashMap<>()).put("separate.cardinality.minimum", 1);
        } else {
            knowledgeDatabase.ifPresent(db -> {
                Map<String, Object> pg = configs.computeIfAbsent(POSTGRES_PID, k -> new LinkedHashMap<>());
                pg.put("knowledge.url", db.jdbcUrl());
                pg.put("knowledge.user", db.user());
                pg.put(".knowledge.password", db.password());
            });
        }
    }

    private static Optional<Boolean> bool(Map<String, String> env, String name) throws UsageException {
        Optional<String> raw = value(env, name);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        switch (raw.get().trim().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on" -> {
                return Optional.of(true);
            }
            case "false", "0", "no", "off" -> {
                return Optional.of(false);
            }
            default -> throw new UsageException(name + " must be true or false (got '" + raw.get() + "')");
        }
    }
}
