package ai.aragora.api.receipt;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a receipt states about one finished debate. The debate engine maps its result
 * onto this record; the receipt never carries a value that is not here, and what is unknown
 * stays empty so the receipt can mark it absent instead of inventing it.
 *
 * @param debateId the debate this decision closes
 * @param task the question the debate decided, verbatim
 * @param verdict the outcome
 * @param finalAnswer the answer the debate settled on; empty when it produced none
 * @param reasoningSummary the justification recorded with the decision; empty when none was recorded
 * @param consensus how agreement was measured and whether it was reached
 * @param supportingAgents agents that endorse the final answer
 * @param dissent agents that disagree, each with its view verbatim
 * @param participants every agent that took part, with the model that actually answered
 * @param baseline the independent first-round vote, when one was taken
 * @param usage token and cost totals over the whole debate
 * @param startedAt when the debate started
 * @param finishedAt when the debate finished
 * @param calibrationRef the calibration record behind the confidence, when one exists
 */
public record DecisionRecord(
        String debateId,
        String task,
        Verdict verdict,
        Optional<String> finalAnswer,
        Optional<String> reasoningSummary,
        Consensus consensus,
        List<String> supportingAgents,
        List<Dissent> dissent,
        List<Participant> participants,
        Optional<BaselineVote> baseline,
        Usage usage,
        Instant startedAt,
        Instant finishedAt,
        Optional<String> calibrationRef) {

    /** Model family or id the provider did not disclose: the ODR literal for it. */
    public static final String UNDISCLOSED = "undisclosed";

    public DecisionRecord {
        requireText(debateId, "debateId");
        requireText(task, "task");
        Objects.requireNonNull(verdict, "verdict");
        finalAnswer = blankToEmpty(finalAnswer);
        reasoningSummary = blankToEmpty(reasoningSummary);
        Objects.requireNonNull(consensus, "consensus");
        supportingAgents = List.copyOf(supportingAgents);
        dissent = List.copyOf(dissent);
        participants = List.copyOf(participants);
        baseline = Objects.requireNonNullElse(baseline, Optional.empty());
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
        calibrationRef = blankToEmpty(calibrationRef);
    }

    /** The debate's verdict; {@link #wireName()} is how the API and the receipt spell it. */
    public enum Verdict {
        APPROVED, APPROVED_WITH_CONDITIONS, NEEDS_REVIEW, REJECTED;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * @param method the consensus method as requested ({@code majority}, {@code unanimous}, {@code judge} ...)
     * @param reached whether the method's bar was met
     * @param confidence agreement in [0, 1]; empty when the method does not measure one
     */
    public record Consensus(String method, boolean reached, Optional<Double> confidence) {
        public Consensus {
            requireText(method, "method");
            confidence = Objects.requireNonNullElse(confidence, Optional.empty());
            confidence.ifPresent(c -> {
                if (!(c >= 0.0 && c <= 1.0)) {
                    throw new IllegalArgumentException("confidence must be within [0, 1], got " + c);
                }
            });
        }
    }

    /** A dissenting agent and its view, verbatim. */
    public record Dissent(String agent, String view) {
        public Dissent {
            requireText(agent, "agent");
            Objects.requireNonNull(view, "view");
        }
    }

    /**
     * One agent as it actually answered: after a provider fallback, the model that produced
     * the answers, not the one first asked.
     *
     * @param modelFamily the provider family ({@code anthropic}, {@code openai} ...) or {@value DecisionRecord#UNDISCLOSED}
     * @param modelId the model id or {@value DecisionRecord#UNDISCLOSED}
     */
    public record Participant(String agent, String modelFamily, String modelId) {
        public Participant {
            requireText(agent, "agent");
            modelFamily = modelFamily == null || modelFamily.isBlank() ? UNDISCLOSED : modelFamily;
            modelId = modelId == null || modelId.isBlank() ? UNDISCLOSED : modelId;
        }

        public boolean familyDisclosed() {
            return !UNDISCLOSED.equals(modelFamily);
        }
    }

    /**
     * The blind first-round vote, taken before agents saw each other.
     *
     * @param winner the option most agents chose
     * @param share the winner's share of the votes, in [0, 1]
     */
    public record BaselineVote(String winner, double share) {
        public BaselineVote {
            requireText(winner, "winner");
            if (!(share >= 0.0 && share <= 1.0)) {
                throw new IllegalArgumentException("share must be within [0, 1], got " + share);
            }
        }
    }

    /** Totals over every call the debate made, fallbacks included. */
    public record Usage(long inputTokens, long outputTokens, double costUsd) {
        public Usage {
            if (inputTokens < 0 || outputTokens < 0 || !(costUsd >= 0.0) || Double.isInfinite(costUsd)) {
                throw new IllegalArgumentException("usage totals must be finite and not negative");
            }
        }
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }

    private static Optional<String> blankToEmpty(Optional<String> value) {
        return value == null ? Optional.empty() : value.filter(v -> !v.isBlank());
    }
}
