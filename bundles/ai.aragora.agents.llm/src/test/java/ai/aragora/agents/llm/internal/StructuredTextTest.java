package ai.aragora.agents.llm.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

class StructuredTextTest {

    // Far more than either case needs: trying every '{'...'}' pair would take hours on the first.
    private static final Duration GENEROUS = Duration.ofSeconds(20);

    @Test
    void anObjectAfterALongTextWithManyBracesIsFound() {
        String text = "if (ready) { start(); } else { wait(); }\n".repeat(20_000) + "VOTE: {\"choice\": \"grok\", confidence: 0.8} }";

        Optional<JsonNode> json = assertTimeoutPreemptively(GENEROUS, () -> StructuredText.json(text));

        assertThat(json).map(j -> j.get("choice").asText()).contains("grok");
    }

    @Test
    void objectsThatNeverCloseAreGivenUpOnInBoundedTime() {
        String text = ("{\"a\": [" + "1, ".repeat(200)).repeat(2_000);

        assertThat(assertTimeoutPreemptively(GENEROUS, () -> StructuredText.json(text))).isEmpty();
    }

    @Test
    void theFirstWholeObjectIsTakenWhateverBracesSurroundIt() {
        assertThat(StructuredText.json("note { see {\"choice\": \"grok\"} } and }")).map(j -> j.get("choice").asText()).contains("grok");
        assertThat(StructuredText.json("{'a': 1} then {'b': 2} }")).map(JsonNode::toString).contains("{\"a\":1}");
        assertThat(StructuredText.json("no object { here")).isEmpty();
    }

    @Test
    void labelsAndItemsSpanLinesOfAnyBreak() {
        assertThat(StructuredText.labels("CHOICE: grok\r\nREASONING: first\nsecond", List.of("CHOICE", "REASONING")))
                .containsEntry("CHOICE", "grok").containsEntry("REASONING", "first\nsecond");
        assertThat(StructuredText.items("- one\r\n2) two\n\u2022 three\nnone")).containsExactly("one", "two", "three");
    }
}
