package ai.aragora.debate;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import ai.aragora.api.debate.DebateSpec;
import ai.aragora.api.knowledge.PriorKnowledge;

/**
 * What every agent of a debate is told besides the task: the spec's context, then the prior
 * knowledge looked up for it ({@link PriorKnowledgeLookup}), taken as the debate's first step once
 * the lookup answered. Owned by the debate's steps.
 */
final class Briefing {

    private final DebateSpec spec;
    private final CompletableFuture<PriorKnowledgeLookup.Outcome> lookup;
    private PriorKnowledge prior = PriorKnowledge.NONE;
    private String context;

    Briefing(DebateSpec spec, CompletableFuture<PriorKnowledgeLookup.Outcome> lookup) {
        this.spec = spec;
        this.lookup = lookup;
        this.context = spec.context();
    }

    /** Completes with what was found, at the latest at the knowledge deadline. */
    CompletableFuture<PriorKnowledgeLookup.Outcome> lookup() {
        return lookup;
    }

    /** Takes the prior knowledge looked up; returns the {@code knowledge_injected} data, null for none. */
    Map<String, Object> take() {
        PriorKnowledgeLookup.Outcome found = lookup.join();
        prior = found.prior();
        context = PriorKnowledgeLookup.context(spec, prior);
        return PriorKnowledgeLookup.eventData(found);
    }

    String context() {
        return context;
    }

    /** The knowledge nodes given, for the result to name. */
    List<String> nodeIds() {
        return prior.nodeIds();
    }
}
