package ai.aragora.knowledge;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import ai.aragora.api.knowledge.KnowledgeNode;
import ai.aragora.api.knowledge.KnowledgeQuery;
import ai.aragora.api.knowledge.NodeKind;
import ai.aragora.api.knowledge.PriorKnowledge;
import ai.aragora.api.knowledge.ScoredNode;
import ai.aragora.api.knowledge.SearchResult;
import ai.aragora.api.knowledge.Tier;

/**
 * Which of the org's nodes a new debate is told, and how: the best hybrid hits above the
 * confidence floor, not glacial, similar enough in meaning when embeddings take part, as many as
 * fit the token budget (4 characters a token), each a line naming its kind and confidence.
 */
final class Recall {

    static final String HEADING = "Prior knowledge from earlier debates of this organisation (most relevant first):";
    static final int CANDIDATES = 10;
    /** Everything but bookkeeping: a debate is told what was concluded, not what it cost. */
    static final Set<NodeKind> RECALLED = Set.copyOf(EnumSet.complementOf(EnumSet.of(NodeKind.COST, NodeKind.TREND)));
    private static final int CHARS_PER_TOKEN = 4;

    private Recall() {
    }

    static KnowledgeQuery query(String orgId, String workspaceId, String task, double minConfidence) {
        String text = task.length() > KnowledgeQuery.MAX_TEXT ? task.substring(0, KnowledgeQuery.MAX_TEXT) : task;
        return new KnowledgeQuery(orgId, workspaceId, text, CANDIDATES, minConfidence, RECALLED, Tier.SLOW);
    }

    static PriorKnowledge select(SearchResult found, int tokenBudget, double minSimilarity) {
        int budget = tokenBudget * CHARS_PER_TOKEN - HEADING.length();
        List<KnowledgeNode> used = new ArrayList<>();
        StringBuilder context = new StringBuilder(HEADING);
        for (ScoredNode h : found.hits()) {
            if (found.semantic() && h.semantic() < minSimilarity) {
                continue;
            }
            String line = line(h.node());
            if (line.length() + 1 > budget) {
                continue;
            }
            budget -= line.length() + 1;
            context.append('\n').append(line);
            used.add(h.node());
        }
        return used.isEmpty() ? PriorKnowledge.NONE : new PriorKnowledge(used, context.toString());
    }

    /** {@code - [kind, confidence 0.80] content}, its whitespace runs as single spaces; asked for at every debate start. */
    static String line(KnowledgeNode n) {
        String content = n.content().strip();
        StringBuilder line = new StringBuilder(content.length() + 32).append("- [").append(n.kind().wire().replace('_', ' '))
                .append(", confidence ").append(BigDecimal.valueOf(n.confidence()).setScale(2, RoundingMode.HALF_UP).toPlainString())
                .append("] ");
        boolean space = false;
        for (int i = 0; i < content.length(); i++) {
            char c = content.charAt(i);
            if (c == ' ' || (c >= '\t' && c <= '\r')) { // what the regex \s matches
                space = true;
                continue;
            }
            if (space) {
                line.append(' ');
                space = false;
            }
            line.append(c);
        }
        return line.toString();
    }
}
