package ai.aragora.agents.llm.internal;

import java.net.http.HttpRequest;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import ai.aragora.agents.llm.ChatCompletions;
import ai.aragora.agents.llm.ChatProtocol;
import ai.aragora.agents.llm.ChatReply;
import ai.aragora.agents.llm.ChatRequest;
import ai.aragora.agents.llm.Endpoint;
import ai.aragora.agents.llm.StreamDecoder;
import ai.aragora.api.agent.AgentException;
import ai.aragora.api.agent.AgentException.Kind;

/**
 * The Chat Completions protocol ({@code POST {base}/chat/completions}, {@code Authorization:
 * Bearer}) that OpenAI, xAI, Mistral, OpenRouter and local servers (Ollama, vLLM, LM Studio)
 * speak, in a server's {@link ChatCompletions dialect}. Streams with
 * {@code stream_options.include_usage} so a streamed answer still reports its tokens.
 */
public final class ChatCompletionsProtocol implements ChatProtocol {

    private final String tokenLimitField;
    private final boolean requestCost;
    private final boolean streamUsage;

    public ChatCompletionsProtocol(ChatCompletions dialect) {
        this.tokenLimitField = dialect.tokenLimitField();
        this.requestCost = dialect.requestCost();
        this.streamUsage = dialect.streamUsage();
    }

    @Override
    public HttpRequest.Builder request(Endpoint endpoint, ChatRequest request) {
        ObjectNode body = Json.object();
        body.put("model", request.model());
        var messages = body.putArray("messages");
        if (!request.system().isEmpty()) {
            messages.addObject().put("role", "system").put("content", request.system());
        }
        messages.addObject().put("role", "user").put("content", request.prompt());
        body.put(tokenLimitField, request.maxTokens());
        body.put("temperature", request.temperature());
        body.put("stream", request.stream());
        if (request.stream() && streamUsage) {
            body.putObject("stream_options").put("include_usage", true);
        }
        if (requestCost) {
            body.putObject("usage").put("include", true);
        }
        HttpRequest.Builder http = HttpRequest.newBuilder(endpoint.resolve("/chat/completions"))
                .header("Content-Type", "application/json")
                .header("Accept", request.stream() ? "text/event-stream" : "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body)));
        if (!endpoint.apiKey().isEmpty()) {
            http.header("Authorization", "Bearer " + endpoint.apiKey());
        }
        endpoint.headers().forEach(http::header);
        return http;
    }

    @Override
    public ChatReply reply(JsonNode body, ChatRequest request) {
        failIfError(body);
        JsonNode choice = body.path("choices").path(0);
        if (choice.isMissingNode()) {
            throw new AgentException(Kind.UNPARSEABLE, "the answer has no choices");
        }
        JsonNode message = choice.path("message");
        refusalCheck(message.path("refusal"), choice.path("finish_reason").asText(""));
        JsonNode content = message.path("content");
        if (!content.isTextual()) {
            throw new AgentException(Kind.UNPARSEABLE, "the answer has no text content");
        }
        JsonNode usage = body.path("usage");
        return new ChatReply(content.asText(), usage.path("prompt_tokens").asLong(), usage.path("completion_tokens").asLong(),
                cost(usage), body.path("model").asText(request.model()));
    }

    @Override
    public StreamDecoder streamDecoder(ChatRequest request) {
        return new StreamDecoder() {
            private final StringBuilder text = new StringBuilder();
            private String model = request.model();
            private long input;
            private long output;
            private Double cost;
            private boolean done;

            @Override
            public void event(String event, String data, Consumer<String> tokens) {
                if (data.equals("[DONE]")) {
                    done = true;
                    return;
                }
                JsonNode chunk = Json.event(data);
                failIfError(chunk);
                model = chunk.path("model").asText(model);
                JsonNode choice = chunk.path("choices").path(0);
                refusalCheck(choice.path("delta").path("refusal"), choice.path("finish_reason").asText(""));
                JsonNode content = choice.path("delta").path("content");
                if (content.isTextual() && !content.asText().isEmpty()) {
                    text.append(content.asText());
                    tokens.accept(content.asText());
                }
                JsonNode usage = chunk.path("usage");
                if (usage.isObject()) {
                    input = usage.path("prompt_tokens").asLong(input);
                    output = usage.path("completion_tokens").asLong(output);
                    cost = cost(usage);
                }
            }

            @Override
            public ChatReply finish() {
                if (!done && text.length() == 0) {
                    throw new AgentException(Kind.UNAVAILABLE, "the stream ended before any answer");
                }
                return new ChatReply(text.toString(), input, output, cost, model);
            }
        };
    }

    private Double cost(JsonNode usage) {
        JsonNode cost = usage.path("cost");
        return requestCost && cost.isNumber() && cost.asDouble() >= 0 ? cost.asDouble() : null;
    }

    private static void refusalCheck(JsonNode refusal, String finishReason) {
        if (refusal.isTextual() && !refusal.asText().isBlank()) {
            throw new AgentException(Kind.REFUSED, "the model refused: " + clip(refusal.asText()));
        }
        if (finishReason.equals("content_filter")) {
            throw new AgentException(Kind.REFUSED, "the answer was withheld by the provider's content filter");
        }
    }

    /** Errors some servers put in a 200 body or a stream event. */
    private void failIfError(JsonNode body) {
        JsonNode error = body.path("error");
        if (!error.isMissingNode() && !error.isNull()) {
            String message = errorMessage(body);
            throw new AgentException(Kind.UNAVAILABLE, "the provider reported an error: " + clip(message == null ? error.toString() : message));
        }
    }

    private static String clip(String s) {
        return Redaction.clean(s, null);
    }
}
