package ai.aragora.api.debate;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * How alike an agent's proposal is to its proposal of the previous round, from 0 (nothing in
 * common) to 1 (the same): what convergence detection measures. The engine uses a token Jaccard
 * baseline unless a service of this type is registered. Called on the debate's own thread for
 * every revision: it must be fast and never block.
 */
@ConsumerType
public interface ProposalSimilarity {

    double similarity(String previous, String current);
}
