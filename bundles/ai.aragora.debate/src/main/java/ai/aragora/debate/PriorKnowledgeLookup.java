package ai.aragora.debate;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ai.aragora.api.debate.DebateSpec;
import ai.aragora.api.knowledge.KnowledgeMound;
import ai.aragora.api.knowledge.PriorKnowledge;

/**
 * What a debate about to start is given from its org's earlier debates: asked of the Knowledge
 * Mound when one is installed and the spec does not turn it off. The question is asked off the
 * caller's thread and the debate waits for the answer as its first step, at most the engine's
 * knowledge deadline: a slow or failing mound costs the debate its prior knowledge, never the
 * debate, and never holds up the request that creates it.
 */
final class PriorKnowledgeLookup {

    private static final Logger LOG = LoggerFactory.getLogger(PriorKnowledgeLookup.class);

    /** The knowledge given, or why none was when the mound was asked and did not answer in time or failed. */
    record Outcome(PriorKnowledge prior, String skipped) {
        static final Outcome NONE = new Outcome(PriorKnowledge.NONE, null);
    }

    private PriorKnowledgeLookup() {
    }

    /** Asks the mound on the engine's lookup threads; completes with the answer, or without knowledge at the deadline. */
    static CompletableFuture<Outcome> of(EngineContext engine, DebateSpec spec) {
        KnowledgeMound mound = engine.knowledge;
        if (mound == null || !spec.priorKnowledge()) {
            return CompletableFuture.completedFuture(Outcome.NONE);
        }
        CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        long deadline = engine.settings.knowledgeDeadlineNanos();
        Scheduler.Timer timer = engine.scheduler.schedule(() -> {
            String reason = "the knowledge mound did not answer within " + TimeUnit.NANOSECONDS.toMillis(deadline) + " ms";
            if (outcome.complete(new Outcome(PriorKnowledge.NONE, reason))) {
                LOG.warn("a debate of org {} starts without prior knowledge: {}", spec.orgId(), reason);
            }
        }, deadline);
        try {
            engine.lookups.execute(() -> {
                if (outcome.isDone()) {
                    return; // its deadline passed while it queued
                }
                Outcome found;
                try {
                    found = new Outcome(mound.recall(spec.orgId(), spec.metadata().get(DebateSpec.WORKSPACE), spec.task(), 0), null);
                } catch (RuntimeException e) {
                    LOG.warn("a debate of org {} starts without prior knowledge: {}", spec.orgId(), e.toString());
                    found = new Outcome(PriorKnowledge.NONE, "the knowledge mound failed");
                }
                timer.cancel();
                outcome.complete(found);
            });
        } catch (RejectedExecutionException stopping) {
            timer.cancel();
            outcome.complete(new Outcome(PriorKnowledge.NONE, "the engine is stopping"));
        }
        return outcome;
    }

    /** The spec's context, then the prior knowledge. */
    static String context(DebateSpec spec, PriorKnowledge prior) {
        if (prior.isEmpty()) {
            return spec.context();
        }
        return spec.context().isEmpty() ? prior.context() : spec.context() + "\n\n" + prior.context();
    }

    /** The {@code knowledge_injected} event's data, null when there is nothing to record. */
    static Map<String, Object> eventData(Outcome outcome) {
        if (outcome.skipped() != null) {
            return Map.of("node_ids", List.of(), "count", 0, "skipped", outcome.skipped());
        }
        PriorKnowledge prior = outcome.prior();
        return prior.isEmpty() ? null : Map.of("node_ids", prior.nodeIds(), "count", prior.nodes().size());
    }
}
