package ai.aragora.agents.llm.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

import ai.aragora.agents.llm.AgentSettings;
import ai.aragora.agents.llm.ChatReply;
import ai.aragora.agents.llm.ChatRequest;
import ai.aragora.api.agent.Agent;
import ai.aragora.api.agent.AgentInfo;
import ai.aragora.api.agent.Critique;
import ai.aragora.api.agent.CritiqueRequest;
import ai.aragora.api.agent.Proposal;
import ai.aragora.api.agent.ProposalRequest;
import ai.aragora.api.agent.Synthesis;
import ai.aragora.api.agent.SynthesisRequest;
import ai.aragora.api.agent.Turn;
import ai.aragora.api.agent.Vote;
import ai.aragora.api.agent.VoteRequest;

/**
 * An agent backed by an LLM: prompts for each phase, one resilient call, lenient parsing.
 * Proposals and syntheses stream their text to the turn; critiques and votes, being
 * structured, do not. Every failure completes the stage with an AgentException.
 */
final class LlmAgent implements Agent {

    private final AgentInfo info;
    private final AgentSettings settings;
    private final ChatEndpoint endpoint;
    private final AgentCalls calls;

    LlmAgent(AgentInfo info, AgentSettings settings, ChatEndpoint endpoint, AgentCalls calls) {
        this.info = info;
        this.settings = settings;
        this.endpoint = endpoint;
        this.calls = calls;
    }

    @Override
    public AgentInfo info() {
        return info;
    }

    @Override
    public CompletionStage<Proposal> propose(ProposalRequest request) {
        return ask(Prompts.proposal(info.name(), request), request.turn(), true,
                reply -> new Proposal(info.name(), Replies.nonEmpty(reply.text()), reply.usage()));
    }

    @Override
    public CompletionStage<Critique> critique(CritiqueRequest request) {
        return ask(Prompts.critique(info.name(), request), request.turn(), false,
                reply -> Replies.critique(reply.text(), info.name(), request.target(), request.turn().round(), reply.usage()));
    }

    @Override
    public CompletionStage<Vote> vote(VoteRequest request) {
        return ask(Prompts.vote(info.name(), request), request.turn(), false,
                reply -> Replies.vote(reply.text(), info.name(), request.proposals().keySet(), request.turn().round(), reply.usage()));
    }

    @Override
    public CompletionStage<Synthesis> synthesize(SynthesisRequest request) {
        return ask(Prompts.synthesis(info.name(), request), request.turn(), true,
                reply -> Replies.synthesis(reply.text(), info.name(), request.proposals().keySet(), reply.usage()));
    }

    private <T> CompletionStage<T> ask(Prompts.Prompt prompt, Turn turn, boolean stream, Function<ChatReply, T> read) {
        ChatRequest request = new ChatRequest(settings.model(), prompt.system(), prompt.user(), settings.maxTokens(),
                settings.temperature(), stream && settings.stream());
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            calls.complete(info, endpoint, request, settings.fallbackModel(), turn).whenComplete((reply, failure) -> {
                if (failure != null) {
                    result.completeExceptionally(AgentFailures.asAgentException(failure));
                    return;
                }
                try {
                    result.complete(read.apply(reply));
                } catch (RuntimeException e) {
                    result.completeExceptionally(AgentFailures.asAgentException(e));
                }
            });
        } catch (RuntimeException e) {
            result.completeExceptionally(AgentFailures.asAgentException(e));
        }
        return result;
    }

    @Override
    public String toString() {
        return "LlmAgent[" + info.name() + " " + info.model() + "]";
    }
}
