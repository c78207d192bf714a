package ai.aragora.agents.llm.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import ai.aragora.api.agent.AgentException;
import ai.aragora.api.agent.Critique;
import ai.aragora.api.agent.Synthesis;
import ai.aragora.api.agent.Usage;
import ai.aragora.api.agent.Vote;

class RepliesTest {

    private static final List<String> AGENTS = List.of("anthropic-api", "openai-api", "grok");
    private static final Usage USAGE = new Usage(10, 5, 0.001, "m");

    @Test
    void aJsonVoteIsRead() {
        Vote v = Replies.vote("{\"choice\": \"openai-api\", \"confidence\": 0.85, \"reasoning\": \"clearest\", \"continue_debate\": false}",
                "grok", AGENTS, 2, USAGE);
        assertThat(v.choice()).isEqualTo("openai-api");
        assertThat(v.confidence()).isEqualTo(0.85);
        assertThat(v.reasoning()).isEqualTo("clearest");
        assertThat(v.continueDebate()).isFalse();
        assertThat(v.round()).isEqualTo(2);
        assertThat(v.usage()).isEqualTo(USAGE);
    }

    @Test
    void aFencedJsonVoteAmidProseIsRead() {
        String text = "After weighing both I pick this one.\n```json\n{\n  'choice': 'Anthropic API',\n  confidence: 90%,\n}\n```\nThanks.";
        Vote v = Replies.vote(text, "grok", AGENTS, 1, USAGE);
        assertThat(v.choice()).isEqualTo("anthropic-api");
        assertThat(v.confidence()).isEqualTo(0.9);
    }

    @Test
    void labelledLinesAreRead() {
        String text = "**CHOICE:** grok's proposal\nCONFIDENCE: 7/10\nREASONING: it handles the edge case\nand cites evidence\nCONTINUE: yes";
        Vote v = Replies.vote(text, "openai-api", AGENTS, 1, USAGE);
        assertThat(v.choice()).isEqualTo("grok");
        assertThat(v.confidence()).isEqualTo(0.7);
        assertThat(v.reasoning()).isEqualTo("it handles the edge case\nand cites evidence");
        assertThat(v.continueDebate()).isTrue();
    }

    @Test
    void aVoteWithoutConfidenceGetsAnEvenOne() {
        assertThat(Replies.vote("VOTE: grok", "openai-api", AGENTS, 1, USAGE).confidence()).isEqualTo(0.5);
    }

    @Test
    void aVoteNamingNoAgentIsAnUnparseableFailure() {
        assertThatThrownBy(() -> Replies.vote("CHOICE: the second one", "grok", AGENTS, 1, USAGE))
                .isInstanceOf(AgentException.class)
                .satisfies(e -> assertThat(((AgentException) e).kind()).isEqualTo(AgentException.Kind.UNPARSEABLE))
                .hasMessageContaining("the second one");
        assertThatThrownBy(() -> Replies.vote("I like them all.", "grok", AGENTS, 1, USAGE)).isInstanceOf(AgentException.class);
    }

    @Test
    void aJsonCritiqueIsRead() {
        Critique c = Replies.critique("{\"issues\": [\"no tests\", \"slow\"], \"suggestions\": \"- add tests\\n- cache\", \"severity\": 7.5, \"reasoning\": \"risky\"}",
                "grok", "openai-api", 2, USAGE);
        assertThat(c.issues()).containsExactly("no tests", "slow");
        assertThat(c.suggestions()).containsExactly("add tests", "cache");
        assertThat(c.severity()).isEqualTo(7.5);
        assertThat(c.target()).isEqualTo("openai-api");
        assertThat(c.reasoning()).isEqualTo("risky");
    }

    @Test
    void aLabelledCritiqueWithBulletsIsRead() {
        Critique c = Replies.critique("ISSUES:\n- ignores cost\n2. no rollback\nSUGGESTIONS:\n* stage it\nSEVERITY: 40%\nREASONING: fixable",
                "grok", "openai-api", 1, USAGE);
        assertThat(c.issues()).containsExactly("ignores cost", "no rollback");
        assertThat(c.suggestions()).containsExactly("stage it");
        assertThat(c.severity()).isEqualTo(4.0);
    }

    @Test
    void aProseCritiqueIsKeptWhole() {
        Critique c = Replies.critique("This misses the point entirely.", "grok", "openai-api", 1, USAGE);
        assertThat(c.reasoning()).isEqualTo("This misses the point entirely.");
        assertThat(c.severity()).isEqualTo(5);
    }

    @Test
    void aSynthesisIsReadFromJsonOrProse() {
        Synthesis s = Replies.synthesis("{\"final_answer\": \"Ship it behind a flag.\", \"adopted\": \"openai\", \"confidence\": 0.8}",
                "anthropic-api", AGENTS, USAGE);
        assertThat(s.finalAnswer()).isEqualTo("Ship it behind a flag.");
        assertThat(s.adopted()).isEqualTo("openai-api");
        assertThat(s.confidence()).isEqualTo(0.8);
        Synthesis prose = Replies.synthesis("Ship it.", "anthropic-api", AGENTS, USAGE);
        assertThat(prose.finalAnswer()).isEqualTo("Ship it.");
        assertThat(prose.adopted()).isNull();
    }

    @Test
    void anEmptyAnswerIsUnparseable() {
        assertThatThrownBy(() -> Replies.nonEmpty("  \n")).isInstanceOf(AgentException.class);
        assertThatThrownBy(() -> Replies.synthesis("", "a", AGENTS, USAGE)).isInstanceOf(AgentException.class);
    }
}
