package ai.aragora.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import ai.aragora.api.knowledge.KnowledgeNode;
import ai.aragora.api.knowledge.NodeKind;
import ai.aragora.api.knowledge.Tier;
import ai.aragora.api.knowledge.Validation;

class RecallTest {

    private static KnowledgeNode node(NodeKind kind, double confidence, String content) {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        return new KnowledgeNode("kn-1", "acme", "default", kind, content, "h", confidence, Tier.FAST, Validation.UNVERIFIED, 1, 0,
                Map.of(), List.of(), t, t);
    }

    @Test
    void aLineNamesKindAndConfidenceWithTwoDecimalsRoundedHalfUpAndFoldsWhitespace() {
        SplittableRandom random = new SplittableRandom(3);
        String[] pieces = {"a", "Blue-green", " ", "\t", "\n\r ", "\u000B\f", "é", "\u00A0", "\u001C", "30 s"};
        for (int i = 0; i < 20_000; i++) {
            double confidence = i % 3 == 0 ? random.nextInt(1001) / 1000.0 : random.nextDouble();
            StringBuilder content = new StringBuilder("x");
            for (int j = random.nextInt(12); j > 0; j--) {
                content.append(pieces[random.nextInt(pieces.length)]);
            }
            NodeKind kind = NodeKind.values()[random.nextInt(NodeKind.values().length)];
            KnowledgeNode n = node(kind, confidence, content.toString());

            assertThat(Recall.line(n)).isEqualTo(String.format(Locale.ROOT, "- [%s, confidence %.2f] %s", kind.wire().replace('_', ' '),
                    confidence, n.content().strip().replaceAll("\\s+", " ")));
        }
        assertThat(Recall.line(node(NodeKind.CRITIQUE_PATTERN, 0.285, "  Cap\n\n retries  "))).isEqualTo("- [critique pattern, confidence 0.29] Cap retries");
    }
}
