package ai.aragora.agents.llm.internal;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import ai.aragora.api.agent.AgentException;
import ai.aragora.api.agent.AgentException.Kind;
import ai.aragora.api.agent.Critique;
import ai.aragora.api.agent.Synthesis;
import ai.aragora.api.agent.Usage;
import ai.aragora.api.agent.Vote;

/**
 * Reads critiques, votes and syntheses out of what a model wrote, as JSON or labelled lines.
 * A vote without a recognisable choice is an {@link Kind#UNPARSEABLE} failure, never a guess.
 */
final class Replies {

    private static final List<String> VOTE_LABELS = List.of("CHOICE", "VOTE", "CONFIDENCE", "REASONING", "REASON", "CONTINUE");
    private static final List<String> CRITIQUE_LABELS = List.of("ISSUES", "SUGGESTIONS", "SEVERITY", "REASONING");
    private static final List<String> SYNTHESIS_LABELS = List.of("FINAL ANSWER", "ANSWER", "ADOPTED", "CONFIDENCE", "REASONING");

    private Replies() {
    }

    static Critique critique(String text, String agent, String target, int round, Usage usage) {
        Optional<JsonNode> json = StructuredText.json(text);
        if (json.isPresent()) {
            JsonNode j = json.get();
            Double severity = StructuredText.fraction(StructuredText.text(j, "severity"), 10);
            return new Critique(agent, target, round, StructuredText.strings(j, "issues", "problems"),
                    StructuredText.strings(j, "suggestions", "improvements"), severity == null ? 5 : severity,
                    orEmpty(StructuredText.text(j, "reasoning", "summary")), usage);
        }
        Map<String, String> labels = StructuredText.labels(text, CRITIQUE_LABELS);
        if (labels.isEmpty()) {
            // Prose is still a critique: keep it whole as the reasoning.
            return new Critique(agent, target, round, List.of(), List.of(), 5, nonEmpty(text), usage);
        }
        Double severity = StructuredText.fraction(labels.get("SEVERITY"), 10);
        return new Critique(agent, target, round, StructuredText.items(labels.get("ISSUES")),
                StructuredText.items(labels.get("SUGGESTIONS")), severity == null ? 5 : severity,
                orEmpty(labels.get("REASONING")), usage);
    }

    static Vote vote(String text, String agent, Collection<String> candidates, int round, Usage usage) {
        String choice;
        Double confidence;
        String reasoning;
        Boolean more;
        Optional<JsonNode> json = StructuredText.json(text);
        if (json.isPresent()) {
            JsonNode j = json.get();
            choice = StructuredText.text(j, "choice", "vote", "agent", "winner");
            confidence = StructuredText.fraction(StructuredText.text(j, "confidence"), 1);
            reasoning = StructuredText.text(j, "reasoning", "reason");
            more = StructuredText.yesNo(StructuredText.text(j, "continue_debate", "continue"));
        } else {
            Map<String, String> labels = StructuredText.labels(text, VOTE_LABELS);
            choice = labels.getOrDefault("CHOICE", labels.get("VOTE"));
            confidence = StructuredText.fraction(labels.get("CONFIDENCE"), 1);
            reasoning = labels.getOrDefault("REASONING", labels.get("REASON"));
            more = StructuredText.yesNo(labels.get("CONTINUE"));
        }
        String line = choice == null ? null : choice.lines().findFirst().orElse(null);
        Optional<String> matched = line == null ? Optional.empty() : AgentNames.match(line, candidates);
        if (matched.isEmpty()) {
            throw new AgentException(Kind.UNPARSEABLE, agent + "'s vote names no agent of the debate"
                    + (line == null ? "" : " ('" + clip(line) + "')"));
        }
        return new Vote(agent, matched.get(), round, confidence == null ? 0.5 : confidence, orEmpty(reasoning),
                more != null && more, usage);
    }

    static Synthesis synthesis(String text, String agent, Collection<String> candidates, Usage usage) {
        String answer;
        String adopted;
        Double confidence;
        String reasoning;
        Optional<JsonNode> json = StructuredText.json(text);
        if (json.isPresent()) {
            JsonNode j = json.get();
            answer = StructuredText.text(j, "final_answer", "answer", "decision");
            adopted = StructuredText.text(j, "adopted", "winner");
            confidence = StructuredText.fraction(StructuredText.text(j, "confidence"), 1);
            reasoning = StructuredText.text(j, "reasoning");
        } else {
            Map<String, String> labels = StructuredText.labels(text, SYNTHESIS_LABELS);
            answer = labels.getOrDefault("FINAL ANSWER", labels.get("ANSWER"));
            adopted = labels.get("ADOPTED");
            confidence = StructuredText.fraction(labels.get("CONFIDENCE"), 1);
            reasoning = labels.get("REASONING");
        }
        if (answer == null || answer.isBlank()) {
            // A judge that wrote prose still decided: the prose is the answer.
            answer = nonEmpty(text);
        }
        String adoptedAgent = adopted == null ? null : AgentNames.match(adopted, candidates).orElse(null);
        return new Synthesis(agent, answer.trim(), adoptedAgent, confidence == null ? 0.5 : confidence, orEmpty(reasoning), usage);
    }

    static String nonEmpty(String text) {
        if (text == null || text.isBlank()) {
            throw new AgentException(Kind.UNPARSEABLE, "the model answered with no text");
        }
        return text.trim();
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s.trim();
    }

    private static String clip(String s) {
        String t = s.trim();
        return t.length() > 80 ? t.substring(0, 80) + "..." : t;
    }
}
