package ai.aragora.agents.mistral;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;

import com.fasterxml.jackson.databind.node.TextNode;

import ai.aragora.agents.llm.ChatCompletionsProtocolTest;
import ai.aragora.agents.llm.ChatRequest;
import ai.aragora.agents.llm.Configs;
import ai.aragora.agents.llm.FakeLlmServer;
import ai.aragora.agents.llm.FakeLlmServer.Answer;
import ai.aragora.agents.llm.FakeLlmServer.Recorded;
import ai.aragora.agents.llm.ProviderSettings;
import ai.aragora.agents.llm.internal.ChatCompletionsProtocol;
import ai.aragora.agents.llm.internal.HttpChat;

/** Mistral's Chat Completions as this bundle configures it, against a loopback stand-in. */
class MistralAgentsTest extends ChatCompletionsProtocolTest {

    @Override
    protected HttpChat chat(URI base, String apiKey) {
        ProviderSettings s = MistralAgents.settings(Configs.of(MistralConfig.class, Map.of("api_key", apiKey, "base_url", base + "/v1")));
        return HttpChat.of(HttpChat.newClient(), s, new ChatCompletionsProtocol(MistralAgents.protocol()));
    }

    @Override
    protected String model() {
        return "mistral-large-latest";
    }

    @Override
    protected void assertRequest(Recorded request, ChatRequest sent) {
        assertThat(request.path()).isEqualTo("/v1/chat/completions");
        assertThat(request.header("authorization")).isEqualTo("Bearer " + KEY);
        assertChatCompletionsBody(request.json(), sent, "max_tokens", false);
    }

    @Override
    protected double expectedCost(long in, long out) {
        return (in * 2.0 + out * 6) / 1_000_000;
    }

    @Override
    protected String error(int status, String message) {
        return "{\"object\":\"error\",\"message\":" + TextNode.valueOf(message) + ",\"type\":\"invalid_request_error\",\"param\":null,\"code\":null}";
    }

    @Override
    protected Answer quotaExhausted() {
        return FakeLlmServer.json(402, "{\"object\":\"error\",\"message\":\"Payment required: your workspace has no credits left\",\"type\":\"payment_required\"}");
    }
}
