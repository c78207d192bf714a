package ai.aragora.agents.openrouter;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;

import org.junit.jupiter.api.Test;

import ai.aragora.agents.llm.ChatCompletionsProtocolTest;
import ai.aragora.agents.llm.ChatRequest;
import ai.aragora.agents.llm.Configs;
import ai.aragora.agents.llm.FakeLlmServer.Recorded;
import ai.aragora.agents.llm.ProviderSettings;
import ai.aragora.agents.llm.internal.ChatCompletionsProtocol;
import ai.aragora.agents.llm.internal.HttpChat;

/** OpenRouter's Chat Completions with its attribution headers and reported cost, against a loopback stand-in. */
class OpenRouterAgentsTest extends ChatCompletionsProtocolTest {

    @Override
    protected HttpChat chat(URI base, String apiKey) {
        ProviderSettings s = OpenRouterAgents.settings(Configs.of(OpenRouterConfig.class,
                Map.of("api_key", apiKey, "base_url", base + "/api/v1")));
        return HttpChat.of(HttpChat.newClient(), s, new ChatCompletionsProtocol(OpenRouterAgents.protocol()));
    }

    @Override
    protected String model() {
        return "anthropic/claude-sonnet-4.5";
    }

    @Override
    protected void assertRequest(Recorded request, ChatRequest sent) {
        assertThat(request.path()).isEqualTo("/api/v1/chat/completions");
        assertThat(request.header("authorization")).isEqualTo("Bearer " + KEY);
        assertThat(request.header("http-referer")).isEqualTo("https://aragora.ai");
        assertThat(request.header("x-title")).isEqualTo("Aragora");
        assertChatCompletionsBody(request.json(), sent, "max_tokens", true);
        assertThat(request.json().path("usage").path("include").asBoolean()).isTrue();
    }

    /** OpenRouter adds the call's cost to the usage block when asked. */
    @Override
    protected String reply(String text, String model, long in, long out) {
        return completion(text, model, in, out).replace("\"total_tokens\":" + (in + out),
                "\"total_tokens\":" + (in + out) + ",\"cost\":" + expectedCost(in, out));
    }

    @Override
    protected double expectedCost(long in, long out) {
        return (in * 1.0 + out * 2.0) / 1_000_000;
    }

    @Test
    void withoutAKeyNothingIsRegisteredAndTheReasonNamesTheVariable() {
        ProviderSettings s = OpenRouterAgents.settings(Configs.of(OpenRouterConfig.class, Map.of()));
        assertThat(s.missing()).isEqualTo("OPENROUTER_API_KEY is not set: no agents registered");
        assertThat(s.defaultAgent().fallbackModel()).as("never its own fallback").isNull();
    }
}
