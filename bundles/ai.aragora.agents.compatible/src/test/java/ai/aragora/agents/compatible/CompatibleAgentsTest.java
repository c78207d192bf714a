package ai.aragora.agents.compatible;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import ai.aragora.agents.llm.ChatCompletionsProtocolTest;
import ai.aragora.agents.llm.ChatRequest;
import ai.aragora.agents.llm.Configs;
import ai.aragora.agents.llm.FakeLlmServer;
import ai.aragora.agents.llm.FakeLlmServer.Recorded;
import ai.aragora.agents.llm.ProviderSettings;
import ai.aragora.agents.llm.internal.ChatCompletionsProtocol;
import ai.aragora.agents.llm.internal.HttpChat;

/** A local server (Ollama's /v1 prefix) as this bundle configures it, against a loopback stand-in. */
class CompatibleAgentsTest extends ChatCompletionsProtocolTest {

    private static ProviderSettings settings(URI base, String apiKey) {
        return CompatibleAgents.settings(Configs.of(CompatibleConfig.class, Map.of("api_key", apiKey, "base_url", base + "/v1",
                "prices", new String[] {"llama3.1=0.1:0.2"})));
    }

    @Override
    protected HttpChat chat(URI base, String apiKey) {
        ProviderSettings s = settings(base, apiKey);
        return HttpChat.of(HttpChat.newClient(), s, new ChatCompletionsProtocol(CompatibleAgents.protocol()));
    }

    @Override
    protected String model() {
        return "llama3.1";
    }

    @Override
    protected void assertRequest(Recorded request, ChatRequest sent) {
        assertThat(request.path()).isEqualTo("/v1/chat/completions");
        assertThat(request.header("authorization")).isEqualTo("Bearer " + KEY);
        assertChatCompletionsBody(request.json(), sent, "max_tokens", true);
    }

    @Override
    protected double expectedCost(long in, long out) {
        return (in * 0.1 + out * 0.2) / 1_000_000;
    }

    @Test
    void withoutAKeyNoAuthorizationHeaderIsSent() throws Exception {
        server.answer(FakeLlmServer.json(200, reply("hi", "llama3.1", 1, 1)));
        chat(server.base(), "").send(request(false), Instant.now().plusSeconds(10), t -> { }).toCompletableFuture().get();
        assertThat(server.take().header("authorization")).isNull();
    }

    @Test
    void nothingIsRegisteredUntilABaseUrlIsConfigured() {
        ProviderSettings none = CompatibleAgents.settings(Configs.of(CompatibleConfig.class, Map.of()));
        assertThat(none.missing()).isEqualTo("no base URL configured: no agents registered");
        assertThat(settings(URI.create("http://127.0.0.1:11434"), "").missing()).isNull();
    }
}
