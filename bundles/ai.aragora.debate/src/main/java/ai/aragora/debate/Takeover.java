package ai.aragora.debate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.IntSupplier;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ai.aragora.api.agent.Agent;
import ai.aragora.api.agent.AgentInfo;
import ai.aragora.api.debate.ConsensusMode;
import ai.aragora.api.debate.DebateResult;
import ai.aragora.api.debate.DebateSpec;
import ai.aragora.api.debate.DebateStatus;
import ai.aragora.api.debate.Message;
import ai.aragora.api.debate.UsageTotals;
import ai.aragora.api.event.DebateEvent;
import ai.aragora.api.event.EventType;
import ai.aragora.api.storage.DebateRecord;
import ai.aragora.api.storage.DebateStore;

/**
 * Takes over a debate whose owner stopped: resumes it here from its stored transcript, or, where
 * it cannot go on (its agents are not here, or its owners died too often), closes it as
 * interrupted with the reason in its transcript.
 */
final class Takeover {

    private static final Logger LOG = LoggerFactory.getLogger(Takeover.class);
    private static final int PAGE = 1000;

    private final EngineContext engine;
    private final Function<String, Debate> running;
    private final Predicate<Debate> adopt;
    private final IntSupplier room;

    /**
     * @param running the debate of that id running here, or null
     * @param adopt takes a debate into the engine's running ones; false when the engine is full or stopping
     * @param room how many more debates the engine takes
     */
    Takeover(EngineContext engine, Function<String, Debate> running, Predicate<Debate> adopt, IntSupplier room) {
        this.engine = engine;
        this.running = running;
        this.adopt = adopt;
        this.room = room;
    }

    boolean runsHere(String debateId) {
        return running.apply(debateId) != null;
    }

    int room() {
        return room.getAsInt();
    }

    /** This instance lost the debate's lease: it stops here without writing more. */
    void lost(String debateId) {
        Debate debate = running.apply(debateId);
        if (debate != null) {
            debate.relinquish();
        }
    }

    /** What became of a debate taken over. */
    enum Outcome {
        /** It runs here now. */
        RESUMED,
        /** It is final: closed as interrupted here, or it had ended already. */
        CLOSED,
        /** Not now (no room, no store, a failed read or write): another attempt may take it. */
        DEFERRED
    }

    /** Takes the debate over as its {@code attempt}th owner. */
    Outcome take(DebateRecord record, int attempt, int maxAttempts) {
        DebateStore store = engine.store.current();
        if (runsHere(record.id())) {
            return Outcome.RESUMED;
        }
        if (record.status().isFinal()) {
            return Outcome.CLOSED;
        }
        if (store == null) {
            return Outcome.DEFERRED;
        }
        try {
            List<Message> messages = messages(store, record.id());
            List<DebateEvent> events = events(store, record.id());
            long lastSeq = events.isEmpty() ? 0 : events.get(events.size() - 1).seq();
            String reason = attempt >= maxAttempts
                    ? "Interrupted: the debate could not be resumed; the instances running it stopped " + (attempt - 1) + " times."
                    : unavailable(record.spec());
            if (reason != null) {
                interrupt(store, record, messages.size(), lastSeq, reason);
                return Outcome.CLOSED;
            }
            DebateSpec spec = record.spec();
            Debate debate = new Debate(engine, record.id(), spec, infos(spec), judgeInfo(spec),
                    PriorKnowledgeLookup.of(engine, spec), record.createdAt(), new Transcript(record.id(), messages, lastSeq));
            if (!adopt.test(debate)) {
                return Outcome.DEFERRED;
            }
            debate.resume(record.roundsUsed(), messages, events, store.usage(record.id()).orElse(UsageTotals.ZERO));
            LOG.info("debate {}: resumed after round {} (attempt {})", record.id(), record.roundsUsed(), attempt);
            return Outcome.RESUMED;
        } catch (RuntimeException e) {
            LOG.warn("debate {}: could not be taken over now: {}", record.id(), e.toString());
            return Outcome.DEFERRED;
        }
    }

    /** Closes as interrupted, with the reason, a debate no instance can own any more; nothing when it ended meanwhile. */
    Outcome close(DebateRecord seen, String reason) {
        DebateStore store = engine.store.current();
        if (runsHere(seen.id())) {
            return Outcome.RESUMED;
        }
        if (store == null) {
            return Outcome.DEFERRED;
        }
        try {
            DebateRecord record = store.find(seen.id()).orElse(null);
            if (record == null || record.status().isFinal()) {
                return Outcome.CLOSED;
            }
            interrupt(store, record, (int) store.messages(record.id(), 0, 1).total(), store.lastEventSeq(record.id()), reason);
            return Outcome.CLOSED;
        } catch (RuntimeException e) {
            LOG.warn("debate {}: could not be closed now: {}", seen.id(), e.toString());
            return Outcome.DEFERRED;
        }
    }

    /** Why the debate cannot go on here: agents it needs that are not registered; null when it can. */
    private String unavailable(DebateSpec spec) {
        List<String> missing = new ArrayList<>();
        for (String name : spec.agents()) {
            if (engine.agents.current(name) == null) {
                missing.add(name);
            }
        }
        if (spec.consensus() == ConsensusMode.JUDGE && engine.agents.current(spec.effectiveJudge()) == null
                && !missing.contains(spec.effectiveJudge())) {
            missing.add(spec.effectiveJudge());
        }
        return missing.isEmpty() ? null
                : "Interrupted: the debate could not be resumed; agents not available: " + String.join(", ", missing) + ".";
    }

    private AgentInfo[] infos(DebateSpec spec) {
        AgentInfo[] infos = new AgentInfo[spec.agents().size()];
        for (int i = 0; i < infos.length; i++) {
            infos[i] = info(spec.agents().get(i));
        }
        return infos;
    }

    private AgentInfo judgeInfo(DebateSpec spec) {
        return spec.consensus() == ConsensusMode.JUDGE && !spec.agents().contains(spec.effectiveJudge())
                ? info(spec.effectiveJudge()) : null;
    }

    private AgentInfo info(String name) {
        Agent agent = engine.agents.current(name);
        try {
            return agent == null ? null : agent.info();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Closes the debate as interrupted: the reason in its transcript, a {@code debate_end} event after its last. */
    private void interrupt(DebateStore store, DebateRecord record, int index, long lastSeq, String reason) {
        Instant now = engine.scheduler.now();
        Message note = new Message(index, Roles.SYSTEM, null, reason, record.roundsUsed(), now);
        DebateEvent end = new DebateEvent(record.id(), lastSeq + 1, EventType.DEBATE_END, now, 0, null,
                Map.of("status", DebateStatus.INTERRUPTED.wire(), "rounds_used", record.roundsUsed(), "reason", reason));
        // Stored as a result with the usage of its last stored progress, so what its rounds cost is billed.
        DebateResult closed = new DebateResult(record.id(), record.spec(), DebateStatus.INTERRUPTED, null, null, null,
                record.roundsUsed(), Duration.between(record.createdAt(), now).toMillis() / 1000.0, List.of(), null, List.of(),
                List.of(), List.of(), List.of(), null, null, 0, List.of(), store.usage(record.id()).orElse(null),
                record.createdAt(), now, null);
        try {
            store.complete(closed, List.of(note), List.of(end)).toCompletableFuture().get(10, TimeUnit.SECONDS);
            LOG.warn("debate {}: {}", record.id(), reason);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            throw new IllegalStateException("could not mark debate " + record.id() + " interrupted: " + e, e);
        }
    }

    private static List<Message> messages(DebateStore store, String id) {
        List<Message> all = new ArrayList<>();
        List<Message> page;
        do {
            page = store.messages(id, all.size(), PAGE).items();
            all.addAll(page);
        } while (page.size() == PAGE);
        return all;
    }

    private static List<DebateEvent> events(DebateStore store, String id) {
        List<DebateEvent> all = new ArrayList<>();
        List<DebateEvent> page;
        do {
            page = store.events(id, all.isEmpty() ? 0 : all.get(all.size() - 1).seq(), PAGE);
            all.addAll(page);
        } while (page.size() == PAGE);
        return all;
    }
}
