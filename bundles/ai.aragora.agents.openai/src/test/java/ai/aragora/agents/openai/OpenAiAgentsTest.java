package ai.aragora.agents.openai;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;

import ai.aragora.agents.llm.ChatCompletionsProtocolTest;
import ai.aragora.agents.llm.ChatRequest;
import ai.aragora.agents.llm.Configs;
import ai.aragora.agents.llm.FakeLlmServer.Recorded;
import ai.aragora.agents.llm.ProviderSettings;
import ai.aragora.agents.llm.internal.ChatCompletionsProtocol;
import ai.aragora.agents.llm.internal.HttpChat;

/** OpenAI's Chat Completions as this bundle configures it, against a loopback stand-in. */
class OpenAiAgentsTest extends ChatCompletionsProtocolTest {

    @Override
    protected HttpChat chat(URI base, String apiKey) {
        ProviderSettings s = OpenAiAgents.settings(Configs.of(OpenAiConfig.class, Map.of("api_key", apiKey, "base_url", base + "/v1")));
        return HttpChat.of(HttpChat.newClient(), s, new ChatCompletionsProtocol(OpenAiAgents.protocol()));
    }

    @Override
    protected String model() {
        return "gpt-4o";
    }

    @Override
    protected void assertRequest(Recorded request, ChatRequest sent) {
        assertThat(request.path()).isEqualTo("/v1/chat/completions");
        assertThat(request.header("authorization")).isEqualTo("Bearer " + KEY);
        assertChatCompletionsBody(request.json(), sent, "max_completion_tokens", true);
    }

    @Override
    protected double expectedCost(long in, long out) {
        return (in * 2.5 + out * 10) / 1_000_000;
    }
}
