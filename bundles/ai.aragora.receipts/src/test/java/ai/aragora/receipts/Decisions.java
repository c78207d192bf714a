package ai.aragora.receipts;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import ai.aragora.api.rating.Calibration;
import ai.aragora.api.receipt.DecisionRecord;
import ai.aragora.api.receipt.DecisionRecord.BaselineVote;
import ai.aragora.api.receipt.DecisionRecord.Consensus;
import ai.aragora.api.receipt.DecisionRecord.Crux;
import ai.aragora.api.receipt.DecisionRecord.Dissent;
import ai.aragora.api.receipt.DecisionRecord.Evidence;
import ai.aragora.api.receipt.DecisionRecord.Finding;
import ai.aragora.api.receipt.DecisionRecord.Participant;
import ai.aragora.api.receipt.DecisionRecord.Usage;
import ai.aragora.api.receipt.DecisionRecord.Verdict;

/** Decision records as the debate engine produces them. */
final class Decisions {

    static final List<String> METHODS = List.of("majority", "supermajority", "unanimous", "judge", "weighted", "any", "none");

    private Decisions() {
    }

    static DecisionRecord typical() {
        return of("majority", Verdict.APPROVED, true);
    }

    /** The typical decision, closing the given debate. */
    static DecisionRecord typical(String debateId) {
        DecisionRecord d = typical();
        return new DecisionRecord(debateId, d.task(), d.verdict(), d.finalAnswer(), d.reasoningSummary(), d.consensus(),
                d.supportingAgents(), d.dissent(), d.participants(), d.baseline(), d.usage(), d.startedAt(), d.finishedAt(),
                d.calibrationRef(), d.evidence());
    }

    /** A critique of claude's decided proposal, in words an agent might use. */
    static Finding finding(String critic, double severity) {
        return new Finding(critic, "claude", 2, severity, "Issues: no cap on the delay <script>alert(1)</script> | risks long stalls.");
    }

    /**
     * What the debate of {@link #of} with dissent shows: gpt's and local's standing critiques of
     * claude's proposal, gpt backing its own, and calibration too thin to adjust anything.
     */
    static Evidence dissentEvidence() {
        return new Evidence(List.of(finding("gpt", 7.5), finding("local", 2)),
                List.of(new Crux("claude", List.of("claude", "local"), "gpt", List.of("gpt"), Optional.of(finding("gpt", 7.5)))),
                List.of(new Calibration("claude", 4, 0.21, 0.12), new Calibration("gpt", 3, 0.3, 0.2)));
    }

    static DecisionRecord of(String method, Verdict verdict, boolean withDissent) {
        List<Participant> participants = List.of(
                new Participant("claude", "anthropic", "claude-opus-4-1"),
                new Participant("gpt", "openai", "gpt-5"),
                new Participant("local", null, null));
        List<Dissent> dissent = withDissent ? List.of(new Dissent("gpt", "Backoff without a cap <script>alert(1)</script> | risks long stalls.")) : List.of();
        List<String> supporting = withDissent ? List.of("claude", "local") : List.of("claude", "gpt", "local");
        boolean measured = !method.equals("none");
        return new DecisionRecord("debate-" + method + "-" + verdict.wireName(),
                "Should the webhook retry policy switch to exponential backoff with jitter?",
                verdict,
                Optional.of("Yes: exponential backoff with full jitter, capped at 10 minutes."),
                method.equals("any") ? Optional.empty() : Optional.of("Jitter spreads retries; the cap bounds delay."),
                new Consensus(method, !method.equals("none"), measured ? Optional.of(2.0 / 3.0) : Optional.empty()),
                supporting, dissent, participants,
                Optional.of(new BaselineVote("yes", 0.6666666666666666)),
                new Usage(12_345, 6_789, 0.0421),
                Instant.parse("2026-11-22T10:00:00Z"), Instant.parse("2026-11-22T10:02:30Z"),
                method.equals("judge") ? Optional.of("calibration/claude/2026-11") : Optional.empty(),
                withDissent ? dissentEvidence() : Evidence.NONE);
    }
}
