package ai.aragora.agents.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import ai.aragora.agents.llm.ChatProtocolContract;
import ai.aragora.agents.llm.ChatRequest;
import ai.aragora.agents.llm.Configs;
import ai.aragora.agents.llm.FakeLlmServer;
import ai.aragora.agents.llm.FakeLlmServer.Answer;
import ai.aragora.agents.llm.FakeLlmServer.Recorded;
import ai.aragora.agents.llm.ProviderSettings;
import ai.aragora.agents.llm.internal.HttpChat;

/** The Messages API against a loopback stand-in speaking Anthropic's documented shapes. */
class MessagesApiTest extends ChatProtocolContract {

    static ProviderSettings settings(URI base, String key) {
        return AnthropicAgents.settings(Configs.of(AnthropicConfig.class, Map.of("api_key", key, "base_url", base.toString())));
    }

    @Override
    protected HttpChat chat(URI base, String apiKey) {
        ProviderSettings s = settings(base, apiKey);
        return HttpChat.of(HttpChat.newClient(), s, new MessagesApi());
    }

    @Override
    protected String model() {
        return "claude-sonnet-4-5";
    }

    @Override
    protected void assertRequest(Recorded request, ChatRequest sent) {
        assertThat(request.path()).isEqualTo("/v1/messages");
        assertThat(request.header("x-api-key")).isEqualTo(KEY);
        assertThat(request.header("anthropic-version")).isEqualTo("2023-06-01");
        assertThat(request.header("authorization")).isNull();
        JsonNode body = request.json();
        assertThat(body.path("model").asText()).isEqualTo(sent.model());
        assertThat(body.path("max_tokens").asInt()).isEqualTo(sent.maxTokens());
        assertThat(body.path("system").asText()).isEqualTo(sent.system());
        assertThat(body.path("messages")).hasSize(1);
        assertThat(body.path("messages").path(0).path("role").asText()).isEqualTo("user");
        assertThat(body.path("messages").path(0).path("content").asText()).isEqualTo(sent.prompt());
        assertThat(body.path("temperature").asDouble()).isEqualTo(sent.temperature());
        assertThat(body.path("stream").asBoolean()).isEqualTo(sent.stream());
    }

    @Override
    protected String reply(String text, String model, long in, long out) {
        return "{\"id\":\"msg_013Zva2CMHLNnXjNJJKqJ2EF\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"" + model + "\","
                + "\"content\":[{\"type\":\"text\",\"text\":\"" + text + "\"}],\"stop_reason\":\"end_turn\",\"stop_sequence\":null,"
                + "\"usage\":{\"input_tokens\":" + in + ",\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":0,\"output_tokens\":" + out + "}}";
    }

    @Override
    protected List<String> stream(List<String> pieces, String model, long in, long out) {
        List<String> events = new ArrayList<>();
        events.add("event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\","
                + "\"content\":[],\"model\":\"" + model + "\",\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":" + in + ",\"output_tokens\":1}}}");
        events.add("event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}");
        events.add("event: ping\ndata: {\"type\": \"ping\"}");
        for (String piece : pieces) {
            events.add("event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"" + piece + "\"}}");
        }
        events.add("event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}");
        events.add("event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":" + out + "}}");
        events.add("event: message_stop\ndata: {\"type\":\"message_stop\"}");
        return events;
    }

    @Override
    protected String error(int status, String message) {
        String type = switch (status) {
            case 401 -> "authentication_error";
            case 429 -> "rate_limit_error";
            case 400 -> "invalid_request_error";
            default -> "api_error";
        };
        return "{\"type\":\"error\",\"error\":{\"type\":\"" + type + "\",\"message\":\"" + message + "\"}}";
    }

    @Override
    protected Answer quotaExhausted() {
        return FakeLlmServer.json(400, "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":"
                + "\"Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.\"}}");
    }

    @Override
    protected Answer refusal() {
        return FakeLlmServer.json(200, "{\"id\":\"msg_2\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5\","
                + "\"content\":[],\"stop_reason\":\"refusal\",\"stop_sequence\":null,\"usage\":{\"input_tokens\":10,\"output_tokens\":0}}");
    }

    @Override
    protected double expectedCost(long in, long out) {
        return (in * 3.0 + out * 15.0) / 1_000_000;
    }
}
