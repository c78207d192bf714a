package ai.aragora.debate;

import java.util.concurrent.TimeUnit;

/** The engine's tunables, from its configuration and the server's. */
record EngineSettings(long successorGraceNanos, long storeGraceNanos, int maxActive, boolean receipts,
        boolean trickster, double hollowQuality, long shutdownGraceNanos, long leaseNanos, long knowledgeDeadlineNanos) {

    static final EngineSettings DEFAULTS = new EngineSettings(TimeUnit.SECONDS.toNanos(2), TimeUnit.SECONDS.toNanos(10),
            20_000, true, true, Trickster.DEFAULT_MIN_QUALITY, TimeUnit.SECONDS.toNanos(30),
            TimeUnit.SECONDS.toNanos(15), TimeUnit.SECONDS.toNanos(2));

    static EngineSettings of(ServerConfig server, EngineConfig engine) {
        return new EngineSettings(TimeUnit.MILLISECONDS.toNanos(Math.max(0, engine.successor_grace_ms())),
                TimeUnit.MILLISECONDS.toNanos(Math.max(0, engine.store_grace_ms())), Math.max(1, engine.max_active()),
                engine.receipts_enabled(), engine.trickster_enabled(),
                Math.max(0, Math.min(1, engine.trickster_min_quality())),
                TimeUnit.SECONDS.toNanos(Math.max(0, server.shutdown_grace_seconds())),
                TimeUnit.MILLISECONDS.toNanos(Math.max(300, engine.lease_ms())),
                TimeUnit.MILLISECONDS.toNanos(Math.max(0, engine.knowledge_deadline_ms())));
    }

    EngineSettings withTrickster(boolean on) {
        return new EngineSettings(successorGraceNanos, storeGraceNanos, maxActive, receipts, on, hollowQuality,
                shutdownGraceNanos, leaseNanos, knowledgeDeadlineNanos);
    }

    EngineSettings withLimits(int active, long shutdownGrace) {
        return new EngineSettings(successorGraceNanos, storeGraceNanos, active, receipts, trickster, hollowQuality,
                shutdownGrace, leaseNanos, knowledgeDeadlineNanos);
    }

    EngineSettings withLease(long nanos) {
        return new EngineSettings(successorGraceNanos, storeGraceNanos, maxActive, receipts, trickster, hollowQuality,
                shutdownGraceNanos, nanos, knowledgeDeadlineNanos);
    }
}
