package ai.aragora.agents.gemini;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.util.Set;
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
 * The Generative Language API: {@code POST {base}/v1beta/models/{model}:generateContent} (or
 * {@code :streamGenerateContent?alt=sse}) with {@code x-goog-api-key}; text from
 * {@code candidates[0].content.parts[].text} (thoughts left out), usage from
 * {@code usageMetadata}. Gemini answers 400 to a bad key and names blocked content in
 * {@code promptFeedback} or the finish reason.
 */
final class GenerateContentApi implements ChatProtocol {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Set<String> BLOCKED = Set.of("SAFETY", "RECITATION", "PROHIBITED_CONTENT", "BLOCKLIST", "SPII",
            "IMAGE_SAFETY");

    @Override
    public HttpRequest.Builder request(Endpoint endpoint, ChatRequest request) {
        ObjectNode body = JSON.createObjectNode();
        if (!request.system().isEmpty()) {
            body.putObject("systemInstruction").putArray("parts").addObject().put("text", request.system());
        }
        ObjectNode content = body.putArray("contents").addObject();
        content.put("role", "user");
        content.putArray("parts").addObject().put("text", request.prompt());
        body.putObject("generationConfig").put("maxOutputTokens", request.maxTokens()).put("temperature", request.temperature());
        String model = request.model().startsWith("models/") ? request.model().substring(7) : request.model();
        String method = request.stream() ? ":streamGenerateContent?alt=sse" : ":generateContent";
        return HttpRequest.newBuilder(endpoint.resolve("/v1beta/models/" + model + method))
                .header("x-goog-api-key", endpoint.apiKey())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
    }

    @Override
    public ChatReply reply(JsonNode body, ChatRequest request) {
        refusalCheck(body);
        JsonNode candidate = body.path("candidates").path(0);
        if (candidate.isMissingNode()) {
            throw new AgentException(Kind.UNPARSEABLE, "the answer has no candidates");
        }
        JsonNode usage = body.path("usageMetadata");
        return new ChatReply(text(candidate), usage.path("promptTokenCount").asLong(), outputTokens(usage), null,
                body.path("modelVersion").asText(request.model()));
    }

    @Override
    public StreamDecoder streamDecoder(ChatRequest request) {
        return new StreamDecoder() {
            private final StringBuilder text = new StringBuilder();
            private String model = request.model();
            private long input;
            private long output;
            private boolean any;

            @Override
            public void event(String event, String data, Consumer<String> tokens) throws IOException {
                JsonNode chunk = JSON.readTree(data);
                if (chunk.has("error")) {
                    throw new AgentException(Kind.UNAVAILABLE, "gemini stream error: " + chunk.path("error").path("status").asText("unknown"));
                }
                refusalCheck(chunk);
                any = true;
                model = chunk.path("modelVersion").asText(model);
                String piece = text(chunk.path("candidates").path(0));
                if (!piece.isEmpty()) {
                    text.append(piece);
                    tokens.accept(piece);
                }
                JsonNode usage = chunk.path("usageMetadata");
                if (usage.isObject()) {
                    input = usage.path("promptTokenCount").asLong(input);
                    output = outputTokens(usage);
                }
            }

            @Override
            public ChatReply finish() {
                if (!any) {
                    throw new AgentException(Kind.UNAVAILABLE, "the gemini stream ended before any answer");
                }
                return new ChatReply(text.toString(), input, output, null, model);
            }
        };
    }

    @Override
    public Kind errorKind(int status, JsonNode body) {
        return body.toString().contains("API_KEY_INVALID") ? Kind.AUTHENTICATION : null;
    }

    private static String text(JsonNode candidate) {
        StringBuilder text = new StringBuilder();
        for (JsonNode part : candidate.path("content").path("parts")) {
            if (!part.path("thought").asBoolean(false) && part.path("text").isTextual()) {
                text.append(part.path("text").asText());
            }
        }
        return text.toString();
    }

    /** Thinking tokens are billed as output. */
    private static long outputTokens(JsonNode usage) {
        return usage.path("candidatesTokenCount").asLong() + usage.path("thoughtsTokenCount").asLong();
    }

    private static void refusalCheck(JsonNode body) {
        String blocked = body.path("promptFeedback").path("blockReason").asText("");
        String finish = body.path("candidates").path(0).path("finishReason").asText("");
        if (!blocked.isEmpty() || BLOCKED.contains(finish)) {
            throw new AgentException(Kind.REFUSED, "gemini blocked the answer (" + (blocked.isEmpty() ? finish : blocked) + ")");
        }
    }
}
