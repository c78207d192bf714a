package ai.aragora.agents.xai;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;

import com.fasterxml.jackson.databind.node.TextNode;

import ai.aragora.agents.llm.ChatCompletionsProtocolTest;
import ai.aragora.agents.llm.ChatRequest;
import ai.aragora.agents.llm.Configs;
import ai.aragora.agents.llm.FakeLlmServer.Recorded;
import ai.aragora.agents.llm.ProviderSettings;
import ai.aragora.agents.llm.internal.ChatCompletionsProtocol;
import ai.aragora.agents.llm.internal.HttpChat;

/** xAI's Chat Completions as this bundle configures it, against a loopback stand-in. */
class GrokAgentsTest extends ChatCompletionsProtocolTest {

    @Override
    protected HttpChat chat(URI base, String apiKey) {
        ProviderSettings s = GrokAgents.settings(Configs.of(GrokConfig.class, Map.of("api_key", apiKey, "base_url", base + "/v1")));
        return HttpChat.of(HttpChat.newClient(), s, new ChatCompletionsProtocol(GrokAgents.protocol()));
    }

    @Override
    protected String model() {
        return "grok-4";
    }

    @Override
    protected void assertRequest(Recorded request, ChatRequest sent) {
        assertThat(request.path()).isEqualTo("/v1/chat/completions");
        assertThat(request.header("authorization")).isEqualTo("Bearer " + KEY);
        assertChatCompletionsBody(request.json(), sent, "max_tokens", true);
    }

    @Override
    protected double expectedCost(long in, long out) {
        return (in * 3.0 + out * 15) / 1_000_000;
    }

    @Override
    protected String error(int status, String message) {
        return "{\"code\":\"Client specified an invalid argument\",\"error\":" + TextNode.valueOf(message) + "}";
    }
}
