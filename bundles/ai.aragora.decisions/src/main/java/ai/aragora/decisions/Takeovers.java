package ai.aragora.decisions;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ai.aragora.api.debate.DebateHandle;
import ai.aragora.api.debate.DebateResult;
import ai.aragora.api.debate.DebateService;
import ai.aragora.api.debate.DebateSpec;
import ai.aragora.api.decision.DecisionRequest;
import ai.aragora.api.decision.DecisionStatus;
import ai.aragora.api.storage.DebateRecord;
import ai.aragora.api.storage.DebateStore;
import ai.aragora.api.storage.DecisionResult;

/**
 * Decisions taken over from an instance that died or stopped. One that never started its debate
 * runs again here from its stored request; one whose debate started is followed to that debate's
 * end, wherever the debate is resumed: here (its handle is awaited) or on another instance (its
 * stored result is read back).
 */
final class Takeovers {

    enum Outcome { TAKEN, ENDED, DEFERRED }

    private static final Logger LOG = LoggerFactory.getLogger(Takeovers.class);
    /** How long after this router started a decision may wait for its agents to register. */
    private static final long AGENTS_WAIT_MILLIS = 10_000;

    private final Runs runs;
    private final Services services;
    private final AgentVersions agentVersions;
    private final Set<Entry> followed = ConcurrentHashMap.newKeySet();
    /** Agents register as their bundles start: until then a missing one may still come; after, it defers at once. */
    private final long agentsSettleAtMillis = System.currentTimeMillis() + AGENTS_WAIT_MILLIS;

    Takeovers(Runs runs, Services services, AgentVersions agentVersions) {
        this.runs = runs;
        this.services = services;
        this.agentVersions = agentVersions;
    }

    /** Takes a decision over: ENDED when it had ended, DEFERRED when its agents are not here (yet). */
    Outcome take(DecisionResult row) throws InterruptedException {
        DecisionStatus status = DecisionStatus.parse(row.status());
        if (status.isFinal()) {
            return Outcome.ENDED;
        }
        if (runs.unfinished.containsKey(row.id())) {
            return Outcome.TAKEN;
        }
        DecisionRequest request = StoredRequests.read(row.request(), row.orgId());
        List<String> agents = request.agents().isEmpty() ? DebateSpec.DEFAULT_AGENTS : request.agents();
        if (!agentVersions.await(agents, Math.max(0, agentsSettleAtMillis - System.currentTimeMillis()))) {
            return Outcome.DEFERRED;
        }
        DebateSpec spec;
        try {
            spec = Specs.of(request, agentVersions.names());
        } catch (IllegalArgumentException e) {
            close(row, request, "could not be taken over: " + e.getMessage());
            return Outcome.ENDED;
        }
        Map<String, String> versions = new LinkedHashMap<>();
        spec.agents().forEach(agent -> versions.put(agent, agentVersions.of(agent)));
        Entry entry = new Entry(row, request, spec, versions);
        if (runs.unfinished.putIfAbsent(row.id(), entry) != null) {
            return Outcome.TAKEN;
        }
        Progress progress = status == DecisionStatus.PROCESSING ? Progress.of(row) : null;
        if (progress == null) {
            runs.dispatcher.submit(entry);
        } else {
            follow(entry, progress);
        }
        return Outcome.TAKEN;
    }

    private void follow(Entry entry, Progress progress) {
        long elapsed = Math.max(0, Duration.between(progress.startedAt(), Instant.now()).toNanos());
        synchronized (entry) {
            entry.debateId = progress.debateId();
            entry.startNanos = System.nanoTime() - elapsed;
            entry.deadline = runs.timer.schedule(() -> runs.timedOut(entry), Math.max(0, runs.timeoutNanos - elapsed),
                    TimeUnit.NANOSECONDS);
        }
        followed.add(entry);
        check(entry);
    }

    /** Followed decisions whose debate ended, here or elsewhere, are concluded. */
    void poll() {
        for (Entry e : followed) {
            try {
                check(e);
            } catch (RuntimeException failure) {
                LOG.warn("decision {}: its debate could not be read: {}", e.id(), failure.toString());
            }
        }
    }

    private void check(Entry e) {
        String debateId;
        synchronized (e) {
            if (e.finished) {
                followed.remove(e);
                return;
            }
            debateId = e.debateId;
        }
        DebateService engine = services.engine;
        Optional<DebateHandle> here = engine == null ? Optional.empty() : engine.running(debateId);
        if (here.isPresent()) {
            followed.remove(e);
            runs.await(e, here.get());
            return;
        }
        DebateStore debates = services.debates;
        if (debates == null) {
            return;
        }
        Optional<DebateResult> result = debates.result(debateId);
        if (result.isPresent() && result.get().status().isFinal()) {
            followed.remove(e);
            runs.decided(e, result.get(), null);
            return;
        }
        Optional<DebateRecord> record = debates.find(debateId);
        if (record.isEmpty()) {
            followed.remove(e);
            runs.finish(e, DecisionStatus.FAILED, null, null, "interrupted: its debate " + debateId
                    + " was never stored; retry the decision");
        } else if (record.get().status().isFinal()) {
            // closed without a result (by an older version): its end is its status
            followed.remove(e);
            runs.finish(e, DecisionStatus.FAILED, null, null, "the debate ended " + record.get().status().wire());
        }
    }

    /** Ends a decision no instance can finish any more: failed with the reason, which a retry accepts. */
    void close(DecisionResult row, DecisionRequest request, String reason) {
        Entry entry = new Entry(row, request, null, Map.of());
        runs.finish(entry, DecisionStatus.FAILED, null, null, "interrupted: " + reason);
    }

    int following() {
        return followed.size();
    }
}
