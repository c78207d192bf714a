package ai.aragora.api.agent;

import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A debating agent, registered as a service with the {@value #NAME} and {@value #VERSION}
 * properties. Every call returns at once; the stage completes with the answer or exceptionally
 * with an {@link AgentException}. Implementations must not block the calling thread and must
 * respect {@link Turn#deadline()}.
 */
@ConsumerType
public interface Agent {

    /** Service property: the agent's name, equal to {@code info().name()}. */
    String NAME = "aragora.agent.name";

    /** Service property: the agent's version, equal to {@code info().version()}. */
    String VERSION = "aragora.agent.version";

    AgentInfo info();

    CompletionStage<Proposal> propose(ProposalRequest request);

    CompletionStage<Critique> critique(CritiqueRequest request);

    CompletionStage<Vote> vote(VoteRequest request);

    CompletionStage<Synthesis> synthesize(SynthesisRequest request);
}
