package ai.aragora.debate;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ai.aragora.api.debate.DebateSpec;
import ai.aragora.api.knowledge.KnowledgeMound;
import ai.aragora.api.knowledge.PriorKnowledge;

/**
 * What a debate about to start is given from its org's earlier debates: asked of the Knowledge
 * Mound when one is installed and the spec does not turn it off. A mound that fails costs the
 * debate its prior knowledge, never the debate.
 */
final class PriorKnowledgeLookup {

    private static final Logger LOG = LoggerFactory.getLogger(PriorKnowledgeLookup.class);

    private PriorKnowledgeLookup() {
    }

    static PriorKnowledge of(EngineContext engine, DebateSpec spec) {
        KnowledgeMound mound = engine.knowledge;
        if (mound == null || !spec.priorKnowledge()) {
            return PriorKnowledge.NONE;
        }
        try {
            return mound.recall(spec.orgId(), spec.metadata().get(DebateSpec.WORKSPACE), spec.task(), 0);
        } catch (RuntimeException e) {
            LOG.warn("a debate of org {} starts without prior knowledge: {}", spec.orgId(), e.toString());
            return PriorKnowledge.NONE;
        }
    }

    /** The spec's context, then the prior knowledge. */
    static String context(DebateSpec spec, PriorKnowledge prior) {
        if (prior.isEmpty()) {
            return spec.context();
        }
        return spec.context().isEmpty() ? prior.context() : spec.context() + "\n\n" + prior.context();
    }

    static Map<String, Object> eventData(PriorKnowledge prior) {
        return Map.of("node_ids", prior.nodeIds(), "count", prior.nodes().size());
    }
}
