package ai.aragora.decisions;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;

import ai.aragora.api.debate.DebateSpec;
import ai.aragora.api.decision.DecisionRequest;
import ai.aragora.api.storage.DecisionResult;

/** A decision this router has not finished: waiting in line, running in the engine, or followed to its debate's end. */
final class Entry {

    final DecisionResult record;
    final DecisionRequest request;
    final DebateSpec spec;
    final Map<String, String> agentVersions;
    /** Set once it starts; guarded by the entry. */
    String debateId;
    long startNanos;
    /** Whether it holds one of this instance's engine slots (a decision followed from elsewhere holds none). */
    boolean slot;
    ScheduledFuture<?> deadline;
    /** The write that recorded the start; the end is written after it, never overtaken by it. */
    CompletionStage<?> started = CompletableFuture.completedFuture(null);
    /** The write that records the end, once it ended. */
    CompletionStage<?> ended = CompletableFuture.completedFuture(null);
    /** Guarded by the entry: an entry finishes once. */
    boolean finished;
    /** Guarded by the entry: it finished here without an end, let go for another instance to end it. */
    boolean letGo;

    Entry(DecisionResult record, DecisionRequest request, DebateSpec spec, Map<String, String> agentVersions) {
        this.record = record;
        this.request = request;
        this.spec = spec;
        this.agentVersions = Map.copyOf(agentVersions);
    }

    String id() {
        return record.id();
    }
}
