package ai.aragora.agents.llm.internal;

import java.time.Instant;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

import ai.aragora.agents.llm.ChatReply;
import ai.aragora.agents.llm.ChatRequest;

/**
 * Sends one chat request; completes with the reply or exceptionally with an
 * {@link ai.aragora.api.agent.AgentException}. Streamed text goes to {@code tokens}.
 */
@FunctionalInterface
public interface ChatEndpoint {

    CompletionStage<ChatReply> send(ChatRequest request, Instant deadline, Consumer<String> tokens);
}
