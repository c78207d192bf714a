package ai.aragora.agents.llm.internal;

import java.net.http.HttpClient;
import java.util.concurrent.CompletionStage;

import ai.aragora.agents.llm.ChatReply;
import ai.aragora.agents.llm.ChatRequest;
import ai.aragora.api.agent.AgentInfo;
import ai.aragora.api.agent.Turn;

/**
 * Every LLM call of an agent goes through here: the agent's circuit breaker, retries, and
 * fallback to OpenRouter when the agent's own provider fails in a way another provider can
 * help with. A service of this bundle, for this bundle's components only.
 */
public interface AgentCalls {

    /**
     * Sends {@code request} to {@code primary} for {@code agent} within {@code turn}'s deadline.
     * {@code fallbackModel} names the model OpenRouter should use instead (null: never fall back).
     * The reply's model is the one that actually answered.
     */
    CompletionStage<ChatReply> complete(AgentInfo agent, ChatEndpoint primary, ChatRequest request, String fallbackModel,
            Turn turn);

    /** The HTTP client every provider's endpoint uses: one connection pool and one selector thread for all. */
    HttpClient http();
}
