package ai.aragora.agents.llm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class AgentNamesTest {

    private static final List<String> AGENTS = List.of("anthropic-api", "openai-api", "grok", "claude-opus", "claude-haiku");

    @Test
    void exactAndCaseInsensitive() {
        assertThat(AgentNames.match("grok", AGENTS)).contains("grok");
        assertThat(AgentNames.match("  OpenAI-API ", AGENTS)).contains("openai-api");
    }

    @Test
    void punctuationAndDecorationAreIgnored() {
        assertThat(AgentNames.match("**anthropic_api**", AGENTS)).contains("anthropic-api");
        assertThat(AgentNames.match("\"Anthropic API\"", AGENTS)).contains("anthropic-api");
    }

    @Test
    void aNameInsideASentenceIsFound() {
        assertThat(AgentNames.match("I vote for grok's proposal", AGENTS)).contains("grok");
        assertThat(AgentNames.match("[claude-opus] is best", AGENTS)).contains("claude-opus");
    }

    @Test
    void aShortenedNameMatchesWhenOnlyOneAgentHasIt() {
        assertThat(AgentNames.match("openai", AGENTS)).contains("openai-api");
        assertThat(AgentNames.match("claude", AGENTS)).as("two claudes").isEmpty();
    }

    @Test
    void smallMisspellingsAreForgivenButNotGuesses() {
        assertThat(AgentNames.match("antropic-api", AGENTS)).contains("anthropic-api");
        assertThat(AgentNames.match("gemini", AGENTS)).isEmpty();
        assertThat(AgentNames.match("", AGENTS)).isEmpty();
        assertThat(AgentNames.match("the first", AGENTS)).isEmpty();
    }

    @Test
    void editDistance() {
        assertThat(AgentNames.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(AgentNames.distance("", "abc")).isEqualTo(3);
    }
}
