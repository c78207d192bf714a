package ai.aragora.agents.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import ai.aragora.agents.llm.ChatProtocolContract;
import ai.aragora.agents.llm.ChatRequest;
import ai.aragora.agents.llm.Configs;
import ai.aragora.agents.llm.FakeLlmServer;
import ai.aragora.agents.llm.FakeLlmServer.Answer;
import ai.aragora.agents.llm.FakeLlmServer.Recorded;
import ai.aragora.agents.llm.ProviderSettings;
import ai.aragora.agents.llm.internal.HttpChat;
import ai.aragora.api.agent.AgentException;

/** generateContent against a loopback stand-in speaking the Generative Language API's shapes. */
class GenerateContentApiTest extends ChatProtocolContract {

    @Override
    protected HttpChat chat(URI base, String apiKey) {
        ProviderSettings s = GeminiAgents.settings(Configs.of(GeminiConfig.class, Map.of("api_key", apiKey, "base_url", base.toString())));
        return HttpChat.of(HttpChat.newClient(), s, new GenerateContentApi());
    }

    @Override
    protected String model() {
        return "gemini-2.5-pro";
    }

    @Override
    protected void assertRequest(Recorded request, ChatRequest sent) {
        if (sent.stream()) {
            assertThat(request.path()).isEqualTo("/v1beta/models/gemini-2.5-pro:streamGenerateContent");
            assertThat(request.query()).isEqualTo("alt=sse");
        } else {
            assertThat(request.path()).isEqualTo("/v1beta/models/gemini-2.5-pro:generateContent");
            assertThat(request.query()).isNull();
        }
        assertThat(request.header("x-goog-api-key")).isEqualTo(KEY);
        assertThat(request.header("authorization")).isNull();
        JsonNode body = request.json();
        assertThat(body.path("systemInstruction").path("parts").path(0).path("text").asText()).isEqualTo(sent.system());
        assertThat(body.path("contents")).hasSize(1);
        assertThat(body.path("contents").path(0).path("role").asText()).isEqualTo("user");
        assertThat(body.path("contents").path(0).path("parts").path(0).path("text").asText()).isEqualTo(sent.prompt());
        assertThat(body.path("generationConfig").path("maxOutputTokens").asInt()).isEqualTo(sent.maxTokens());
        assertThat(body.path("generationConfig").path("temperature").asDouble()).isEqualTo(sent.temperature());
        assertThat(body.has("model")).as("the model is in the path").isFalse();
    }

    private static String response(String parts, String finish, String model, long in, long out) {
        return "{\"candidates\":[{\"content\":{\"parts\":[" + parts + "],\"role\":\"model\"},\"finishReason\":\"" + finish + "\",\"index\":0}],"
                + "\"usageMetadata\":{\"promptTokenCount\":" + in + ",\"candidatesTokenCount\":" + out + ",\"totalTokenCount\":" + (in + out) + "},"
                + "\"modelVersion\":\"" + model + "\",\"responseId\":\"abc\"}";
    }

    @Override
    protected String reply(String text, String model, long in, long out) {
        return response("{\"text\":\"" + text + "\"}", "STOP", model, in, out);
    }

    @Override
    protected List<String> stream(List<String> pieces, String model, long in, long out) {
        List<String> events = new ArrayList<>();
        for (int i = 0; i < pieces.size(); i++) {
            String finish = i == pieces.size() - 1 ? "STOP" : "";
            String chunk = response("{\"text\":\"" + pieces.get(i) + "\"}", finish, model, in, i == pieces.size() - 1 ? out : i + 1);
            events.add("data: " + chunk.replace(",\"finishReason\":\"\"", ""));
        }
        return events;
    }

    @Override
    protected String error(int status, String message) {
        String code = switch (status) {
            case 401 -> "UNAUTHENTICATED";
            case 429 -> "RESOURCE_EXHAUSTED";
            case 400 -> "INVALID_ARGUMENT";
            default -> "INTERNAL";
        };
        return "{\"error\":{\"code\":" + status + ",\"message\":\"" + message + "\",\"status\":\"" + code + "\"}}";
    }

    @Override
    protected Answer quotaExhausted() {
        return FakeLlmServer.json(429, "{\"error\":{\"code\":429,\"message\":\"You exceeded your current quota, please check your plan and billing details.\","
                + "\"status\":\"RESOURCE_EXHAUSTED\"}}");
    }

    @Override
    protected Answer refusal() {
        return FakeLlmServer.json(200, "{\"promptFeedback\":{\"blockReason\":\"SAFETY\",\"safetyRatings\":[]},"
                + "\"usageMetadata\":{\"promptTokenCount\":8,\"totalTokenCount\":8},\"modelVersion\":\"gemini-2.5-pro\"}");
    }

    @Override
    protected double expectedCost(long in, long out) {
        return (in * 1.25 + out * 10) / 1_000_000;
    }

    @Test
    void aBadKeyAnsweredWith400IsAnAuthenticationFailure() throws Exception {
        server.answer(FakeLlmServer.json(400, "{\"error\":{\"code\":400,\"message\":\"API key not valid. Please pass a valid API key.\","
                + "\"status\":\"INVALID_ARGUMENT\",\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.ErrorInfo\","
                + "\"reason\":\"API_KEY_INVALID\",\"domain\":\"googleapis.com\"}]}}"));
        try {
            chat(server.base(), KEY).send(request(false), Instant.now().plusSeconds(10), t -> { }).toCompletableFuture().get();
            throw new AssertionError("succeeded");
        } catch (ExecutionException e) {
            assertThat(((AgentException) e.getCause()).kind()).isEqualTo(AgentException.Kind.AUTHENTICATION);
        }
    }

    @Test
    void thoughtsAreLeftOutOfTheAnswerButBilled() throws Exception {
        server.answer(FakeLlmServer.json(200, response("{\"text\":\"thinking...\",\"thought\":true},{\"text\":\"Answer.\"}", "STOP",
                "gemini-2.5-pro", 10, 5).replace("\"totalTokenCount\"", "\"thoughtsTokenCount\":20,\"totalTokenCount\"")));
        var reply = chat(server.base(), KEY).send(request(false), Instant.now().plusSeconds(10), t -> { }).toCompletableFuture().get();
        assertThat(reply.text()).isEqualTo("Answer.");
        assertThat(reply.outputTokens()).isEqualTo(25);
    }
}
