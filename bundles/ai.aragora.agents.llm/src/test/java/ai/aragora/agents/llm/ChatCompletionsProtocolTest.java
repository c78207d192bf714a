package ai.aragora.agents.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

import ai.aragora.agents.llm.FakeLlmServer.Answer;
import ai.aragora.agents.llm.FakeLlmServer.Recorded;
import ai.aragora.agents.llm.internal.ChatCompletionsProtocol;
import ai.aragora.agents.llm.internal.HttpChat;
import ai.aragora.agents.llm.internal.PriceTable;

/** The Chat Completions wire format as OpenAI documents it; the provider bundles add their own headers and fields. */
public class ChatCompletionsProtocolTest extends ChatProtocolContract {

    @Override
    protected HttpChat chat(URI base, String apiKey) {
        return new HttpChat(HttpChat.newClient(), new ChatCompletionsProtocol(ChatCompletions.STANDARD),
                new Endpoint("openai", base.resolve("/v1"), apiKey, Map.of(), Duration.ofSeconds(30)),
                PriceTable.parse("gpt-4o=2.5:10"));
    }

    @Override
    protected String model() {
        return "gpt-4o";
    }

    @Override
    protected void assertRequest(Recorded request, ChatRequest sent) {
        assertThat(request.path()).isEqualTo("/v1/chat/completions");
        assertThat(request.header("authorization")).isEqualTo("Bearer " + KEY);
        assertChatCompletionsBody(request.json(), sent, "max_tokens", true);
    }

    /** The body fields every Chat Completions server reads. */
    public static void assertChatCompletionsBody(JsonNode body, ChatRequest sent, String tokenLimitField, boolean streamUsage) {
        assertThat(body.path("model").asText()).isEqualTo(sent.model());
        assertThat(body.path("messages")).hasSize(2);
        assertThat(body.path("messages").path(0).path("role").asText()).isEqualTo("system");
        assertThat(body.path("messages").path(0).path("content").asText()).isEqualTo(sent.system());
        assertThat(body.path("messages").path(1).path("role").asText()).isEqualTo("user");
        assertThat(body.path("messages").path(1).path("content").asText()).isEqualTo(sent.prompt());
        assertThat(body.path(tokenLimitField).asInt()).isEqualTo(sent.maxTokens());
        assertThat(body.path("temperature").asDouble()).isEqualTo(sent.temperature());
        assertThat(body.path("stream").asBoolean()).isEqualTo(sent.stream());
        assertThat(body.path("stream_options").path("include_usage").asBoolean()).isEqualTo(sent.stream() && streamUsage);
        assertThat(body.has("stream_options")).isEqualTo(sent.stream() && streamUsage);
    }

    @Override
    protected String reply(String text, String model, long in, long out) {
        return completion(text, model, in, out);
    }

    public static String completion(String text, String model, long in, long out) {
        return "{\"id\":\"chatcmpl-123\",\"object\":\"chat.completion\",\"created\":1767225600,\"model\":\"" + model + "\","
                + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":" + TextNode.valueOf(text)
                + ",\"refusal\":null},\"logprobs\":null,\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":" + in + ",\"completion_tokens\":" + out + ",\"total_tokens\":" + (in + out) + "}}";
    }

    @Override
    protected List<String> stream(List<String> pieces, String model, long in, long out) {
        return chunks(pieces, model, in, out);
    }

    public static List<String> chunks(List<String> pieces, String model, long in, long out) {
        List<String> events = new ArrayList<>();
        String head = "data: {\"id\":\"chatcmpl-123\",\"object\":\"chat.completion.chunk\",\"created\":1767225600,\"model\":\"" + model + "\",";
        events.add(head + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}");
        for (String piece : pieces) {
            events.add(head + "\"choices\":[{\"index\":0,\"delta\":{\"content\":" + TextNode.valueOf(piece) + "},\"finish_reason\":null}]}");
        }
        events.add(head + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}");
        events.add(head + "\"choices\":[],\"usage\":{\"prompt_tokens\":" + in + ",\"completion_tokens\":" + out + ",\"total_tokens\":" + (in + out) + "}}");
        events.add("data: [DONE]");
        return events;
    }

    @Override
    protected String error(int status, String message) {
        return "{\"error\":{\"message\":" + TextNode.valueOf(message) + ",\"type\":\"invalid_request_error\",\"param\":null,\"code\":null}}";
    }

    @Override
    protected Answer quotaExhausted() {
        return FakeLlmServer.json(429, "{\"error\":{\"message\":\"You exceeded your current quota, please check your plan and billing details.\","
                + "\"type\":\"insufficient_quota\",\"param\":null,\"code\":\"insufficient_quota\"}}");
    }

    @Override
    protected Answer refusal() {
        return FakeLlmServer.json(200, "{\"id\":\"chatcmpl-9\",\"object\":\"chat.completion\",\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,"
                + "\"message\":{\"role\":\"assistant\",\"content\":null,\"refusal\":\"I'm sorry, I can't help with that.\"},"
                + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":9,\"total_tokens\":19}}");
    }

    @Override
    protected double expectedCost(long in, long out) {
        return (in * 2.5 + out * 10) / 1_000_000;
    }
}
