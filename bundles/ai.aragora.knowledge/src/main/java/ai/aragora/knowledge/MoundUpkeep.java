package ai.aragora.knowledge;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ai.aragora.api.knowledge.KnowledgeStore;
import ai.aragora.api.knowledge.Tier;
import ai.aragora.api.knowledge.Upkeep;

/**
 * The mound's pass over its nodes' age (the Continuum's demotion and decay): nodes unused for
 * longer than their tier keeps them cool one tier, confidence decays after a while unused, and
 * glacial nodes past their retention are deleted. Every step is safe on several instances at once.
 */
final class MoundUpkeep {

    static final Duration EVERY = Duration.ofHours(1);

    private static final Logger LOG = LoggerFactory.getLogger(MoundUpkeep.class);

    private final KnowledgeStore store;
    private final Supplier<KnowledgeConfig> config;
    private final Runnable changedEverywhere;
    private final Consumer<String> removed;
    private Instant lastRun;
    private Instant nextRun;
    private long runs;
    private long failures;
    private Upkeep.Pass last = Upkeep.Pass.NONE;

    /**
     * @param changedEverywhere told when any node changed, so every cached search is dropped
     * @param removed told of each node deleted, so it leaves the vector index
     */
    MoundUpkeep(KnowledgeStore store, Supplier<KnowledgeConfig> config, Runnable changedEverywhere, Consumer<String> removed,
            Instant firstRun) {
        this.store = store;
        this.config = config;
        this.changedEverywhere = changedEverywhere;
        this.removed = removed;
        this.nextRun = firstRun;
    }

    /** One pass at {@code now}; a failure is logged and reported, never thrown. */
    Upkeep.Pass run(Instant now) {
        KnowledgeConfig c = config.get();
        Upkeep.Pass pass;
        try {
            int cooled = store.demote(Tier.SLOW, now.minus(Duration.ofDays(c.slow_retention_days())))
                    + store.demote(Tier.MEDIUM, now.minus(Duration.ofDays(c.medium_retention_days())))
                    + store.demote(Tier.FAST, now.minus(Duration.ofDays(c.fast_retention_days())));
            int decayed = store.decay(now, Duration.ofDays(c.decay_after_days()), Duration.ofDays(c.decay_half_life_days()),
                    c.decay_floor());
            List<String> expired = c.glacial_retention_days() == 0 ? List.of()
                    : store.expire(now.minus(Duration.ofDays(c.glacial_retention_days())));
            expired.forEach(removed);
            pass = new Upkeep.Pass(cooled, decayed, expired.size(), null);
            if (cooled + decayed + expired.size() > 0) {
                changedEverywhere.run();
                LOG.info("knowledge upkeep: {} nodes cooled to a colder tier, {} decayed in confidence, {} glacial nodes deleted",
                        cooled, decayed, expired.size());
            }
        } catch (RuntimeException e) {
            pass = new Upkeep.Pass(0, 0, 0, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            LOG.warn("knowledge upkeep failed: {}", e.toString());
        }
        synchronized (this) {
            lastRun = now;
            nextRun = now.plus(EVERY);
            runs++;
            failures += pass.error() == null ? 0 : 1;
            last = pass;
        }
        return pass;
    }

    synchronized Upkeep latest() {
        KnowledgeConfig c = config.get();
        Map<Tier, Integer> retention = new EnumMap<>(Tier.class);
        retention.put(Tier.FAST, c.fast_retention_days());
        retention.put(Tier.MEDIUM, c.medium_retention_days());
        retention.put(Tier.SLOW, c.slow_retention_days());
        retention.put(Tier.GLACIAL, c.glacial_retention_days());
        return new Upkeep(lastRun, nextRun, runs, failures, last,
                new Upkeep.Settings(retention, c.decay_after_days(), c.decay_half_life_days(), c.decay_floor()));
    }
}
