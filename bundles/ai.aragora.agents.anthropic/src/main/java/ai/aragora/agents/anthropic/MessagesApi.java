package ai.aragora.agents.anthropic;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import ai.aragora.agents.llm.ChatProtocol;
import ai.aragora.agents.llm.ChatReply;
import ai.aragora.agents.llm.ChatRequest;
import ai.aragora.agents.llm.Endpoint;
import ai.aragora.agents.llm.StreamDecoder;
import ai.aragora.api.agent.AgentException;
import ai.aragora.api.agent.AgentException.Kind;

/**
 * The Messages API: {@code POST {base}/v1/messages} with {@code x-api-key} and
 * {@code anthropic-version: 2023-06-01}; text from {@code content[].text}, usage from
 * {@code usage}; streamed as {@code message_start}, {@code content_block_delta},
 * {@code message_delta} events.
 */
final class MessagesApi implements ChatProtocol {

    private static final ObjectMapper JSON = new ObjectMapper();

    static final String VERSION = "2023-06-01";

    @Override
    public HttpRequest.Builder request(Endpoint endpoint, ChatRequest request) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", request.model());
        body.put("max_tokens", request.maxTokens());
        if (!request.system().isEmpty()) {
            body.put("system", request.system());
        }
        body.putArray("messages").addObject().put("role", "user").put("content", request.prompt());
        body.put("temperature", request.temperature());
        body.put("stream", request.stream());
        return HttpRequest.newBuilder(endpoint.resolve("/v1/messages"))
                .header("x-api-key", endpoint.apiKey())
                .header("anthropic-version", VERSION)
                .header("content-type", "application/json")
                .header("accept", request.stream() ? "text/event-stream" : "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
    }

    @Override
    public ChatReply reply(JsonNode body, ChatRequest request) {
        refusalCheck(body.path("stop_reason").asText(""));
        StringBuilder text = new StringBuilder();
        for (JsonNode block : body.path("content")) {
            if (block.path("type").asText().equals("text")) {
                text.append(block.path("text").asText());
            }
        }
        if (!body.path("content").isArray()) {
            throw new AgentException(Kind.UNPARSEABLE, "the answer has no content");
        }
        JsonNode usage = body.path("usage");
        return new ChatReply(text.toString(), usage.path("input_tokens").asLong(), usage.path("output_tokens").asLong(), null,
                body.path("model").asText(request.model()));
    }

    @Override
    public StreamDecoder streamDecoder(ChatRequest request) {
        return new StreamDecoder() {
            private final StringBuilder text = new StringBuilder();
            private String model = request.model();
            private long input;
            private long output;
            private boolean stopped;

            @Override
            public void event(String event, String data, Consumer<String> tokens) throws IOException {
                JsonNode e = JSON.readTree(data);
                switch (e.path("type").asText(event == null ? "" : event)) {
                    case "message_start":
                        model = e.path("message").path("model").asText(model);
                        input = e.path("message").path("usage").path("input_tokens").asLong();
                        output = e.path("message").path("usage").path("output_tokens").asLong();
                        break;
                    case "content_block_delta":
                        JsonNode delta = e.path("delta");
                        if (delta.path("type").asText().equals("text_delta")) {
                            text.append(delta.path("text").asText());
                            tokens.accept(delta.path("text").asText());
                        }
                        break;
                    case "message_delta":
                        refusalCheck(e.path("delta").path("stop_reason").asText(""));
                        output = e.path("usage").path("output_tokens").asLong(output);
                        break;
                    case "message_stop":
                        stopped = true;
                        break;
                    case "error":
                        throw new AgentException(Kind.UNAVAILABLE, "anthropic stream error: " + e.path("error").path("type").asText("unknown"));
                    default:
                        // ping, content_block_start, content_block_stop
                }
            }

            @Override
            public ChatReply finish() {
                if (!stopped && text.length() == 0) {
                    throw new AgentException(Kind.UNAVAILABLE, "the anthropic stream ended before any answer");
                }
                return new ChatReply(text.toString(), input, output, null, model);
            }
        };
    }

    private static void refusalCheck(String stopReason) {
        if (stopReason.equals("refusal")) {
            throw new AgentException(Kind.REFUSED, "claude declined to answer");
        }
    }
}
