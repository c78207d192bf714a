package ai.aragora.api.receipt;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import ai.aragora.api.rating.Calibration;

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
 * @param evidence what stood against the answer, where the final vote split, and the calibration
 *        that adjusted the vote confidences; {@link Evidence#NONE} when the engine recorded none
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
        Optional<String> calibrationRef,
        Evidence evidence) {

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
        evidence = Objects.requireNonNullElse(evidence, Evidence.NONE);
    }

    /** A decision without recorded evidence: the record as it was before {@link Evidence} existed. */
    public DecisionRecord(String debateId, String task, Verdict verdict, Optional<String> finalAnswer,
            Optional<String> reasoningSummary, Consensus consensus, List<String> supportingAgents, List<Dissent> dissent,
            List<Participant> participants, Optional<BaselineVote> baseline, Usage usage, Instant startedAt,
            Instant finishedAt, Optional<String> calibrationRef) {
        this(debateId, task, verdict, finalAnswer, reasoningSummary, consensus, supportingAgents, dissent, participants,
                baseline, usage, startedAt, finishedAt, calibrationRef, Evidence.NONE);
    }

    /** This decision with the given evidence. */
    public DecisionRecord withEvidence(Evidence with) {
        return new DecisionRecord(debateId, task, verdict, finalAnswer, reasoningSummary, consensus, supportingAgents,
                dissent, participants, baseline, usage, startedAt, finishedAt, calibrationRef, with);
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

    /**
     * What the debate's record shows beyond its outcome.
     *
     * @param findings every critique that still stood against the decided answer: each critic's
     *        last critique of it, when its severity was above 0
     * @param cruxes the points on which the final vote split; empty when nobody dissented
     * @param calibration each final voter's calibration as it adjusted the vote confidences;
     *        empty when no rating service calibrated them
     * @param priorKnowledge the Knowledge Mound nodes the debate was given from its org's earlier
     *        debates; empty when it was given none
     */
    public record Evidence(List<Finding> findings, List<Crux> cruxes, List<Calibration> calibration, List<String> priorKnowledge) {

        public static final Evidence NONE = new Evidence(List.of(), List.of(), List.of(), List.of());

        public Evidence {
            findings = List.copyOf(findings);
            cruxes = List.copyOf(cruxes);
            calibration = List.copyOf(calibration);
            priorKnowledge = priorKnowledge == null ? List.of() : List.copyOf(priorKnowledge);
            for (Calibration c : calibration) {
                requireText(c.agent(), "calibration agent");
                if (c.predictions() < 0 || !Double.isFinite(c.brierScore()) || !Double.isFinite(c.expectedCalibrationError())) {
                    throw new IllegalArgumentException("calibration of " + c.agent() + " must be finite with a count of at least 0");
                }
            }
        }

        /** Evidence of a debate given no prior knowledge. */
        public Evidence(List<Finding> findings, List<Crux> cruxes, List<Calibration> calibration) {
            this(findings, cruxes, calibration, List.of());
        }

        /** Whether some agent's confidences were adjusted: it had {@link Calibration#MIN_PREDICTIONS} predictions. */
        public boolean calibrated() {
            return calibration.stream().anyMatch(Calibration::isTrusted);
        }
    }

    /**
     * One critique, as the debate recorded it.
     *
     * @param critic the agent that raised it
     * @param target the agent whose proposal it critiques
     * @param round the round it was raised in
     * @param severity above 0 up to 10 (fatal): a critique of severity 0 finds nothing wrong and is no finding
     * @param text its issues, suggestions and reasoning, verbatim
     */
    public record Finding(String critic, String target, int round, double severity, String text) {
        public Finding {
            requireText(critic, "critic");
            requireText(target, "target");
            if (!(severity > 0 && severity <= 10)) {
                throw new IllegalArgumentException("severity must be within (0, 10], got " + severity);
            }
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * A point on which the final vote split: the decided proposal against another that agents
     * backed instead, and the critique between the two sides that separated them.
     *
     * @param decided the agent whose proposal was decided
     * @param decidedBy the final voters who backed it
     * @param alternative the agent whose proposal the others backed
     * @param alternativeBy the final voters who backed the alternative
     * @param separatedBy the most severe standing critique one side raised against the other's
     *        proposal; empty when neither raised one above severity 0
     */
    public record Crux(String decided, List<String> decidedBy, String alternative, List<String> alternativeBy,
            Optional<Finding> separatedBy) {
        public Crux {
            requireText(decided, "decided");
            requireText(alternative, "alternative");
            decidedBy = List.copyOf(decidedBy);
            alternativeBy = List.copyOf(alternativeBy);
            separatedBy = Objects.requireNonNullElse(separatedBy, Optional.empty());
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
