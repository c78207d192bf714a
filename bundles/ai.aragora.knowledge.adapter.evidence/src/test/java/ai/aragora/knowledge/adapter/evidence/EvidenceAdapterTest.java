package ai.aragora.knowledge.adapter.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import ai.aragora.api.agent.Critique;
import ai.aragora.api.agent.Usage;
import ai.aragora.api.agent.Vote;
import ai.aragora.api.debate.DebateResult;
import ai.aragora.api.debate.Message;
import ai.aragora.api.knowledge.Learned;
import ai.aragora.api.knowledge.NewNode;
import ai.aragora.api.knowledge.NodeKind;
import ai.aragora.storage.jdbc.Fixtures;

class EvidenceAdapterTest {

    private static final Instant T = Fixtures.T0;
    private final EvidenceAdapter adapter = new EvidenceAdapter();

    static DebateResult with(DebateResult r, List<Message> messages, List<Critique> critiques, List<Vote> votes) {
        return new DebateResult(r.id(), r.spec(), r.status(), r.finalAnswer(), r.consensus(), r.verdict(), r.roundsUsed(), r.durationSeconds(),
                r.participants(), r.winner(), r.dissentingViews(), messages, critiques, votes, r.baseline(), r.convergence(),
                r.tricksterInterventions(), r.failures(), r.usage(), r.createdAt(), r.completedAt(), r.receiptId(), r.priorKnowledge());
    }

    @Test
    void theFinalVotersReasonsForTheDecidedProposalAreEvidenceScoredByConfidenceLessStandingObjections() {
        DebateResult base = Fixtures.result("d1", "acme", T);
        List<Critique> critiques = List.of(
                new Critique("demo-critical", "demo-supportive", 1, List.of("no cap"), List.of(), 8, "", Usage.NONE),
                new Critique("demo-critical", "demo-supportive", 2, List.of("cap is high"), List.of(), 2, "", Usage.NONE));
        List<Vote> votes = List.of(
                new Vote("demo-critical", "demo-critical", 1, 0.7, "mine is simpler", false, Usage.NONE),
                new Vote("demo-critical", "demo-supportive", 2, 0.8, "the cap settles it", false, Usage.NONE),
                new Vote("demo-balanced", "demo-critical", 2, 0.6, "simpler", false, Usage.NONE),
                new Vote("demo-supportive", "demo-supportive", 2, 0.9, " ", false, Usage.NONE));
        List<Message> messages = List.of(new Message(0, "proposer", "demo-supportive",
                "See https://aws.amazon.com/builders-library/timeouts-retries-and-backoff-with-jitter/. Also (https://example.org/a).", 1, T),
                new Message(1, "proposer", "demo-critical", "Ignore https://elsewhere.example/", 1, T));

        Learned learned = adapter.forward(with(base, messages, critiques, votes), Optional.empty());

        assertThat(learned.nodes()).extracting(NewNode::content).containsExactly(
                "Evidence for the decision on \"" + base.spec().task() + "\" (demo-supportive's proposal), given by demo-critical: the cap settles it",
                "Source cited by demo-supportive for the decision on \"" + base.spec().task()
                        + "\": https://aws.amazon.com/builders-library/timeouts-retries-and-backoff-with-jitter/",
                "Source cited by demo-supportive for the decision on \"" + base.spec().task() + "\": https://example.org/a");
        NewNode reason = learned.nodes().get(0);
        assertThat(reason.kind()).isEqualTo(NodeKind.EVIDENCE);
        assertThat(reason.confidence()).as("0.8 less the standing severity 2 of the last round").isCloseTo(0.64, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(reason.metadata()).containsEntry("quality", "0.64").containsEntry("voter", "demo-critical");
        assertThat(reason.provenance().agent()).isEqualTo("demo-critical");
        assertThat(reason.provenance().round()).isEqualTo(2);
        assertThat(reason.provenance().debateId()).isEqualTo("d1");
        assertThat(learned.nodes().get(1).confidence()).isEqualTo(base.confidence());
    }

    @Test
    void anUndecidedDebateTeachesNothing() {
        DebateResult base = Fixtures.result("d1", "acme", T);
        DebateResult undecided = new DebateResult(base.id(), base.spec(), base.status(), null, base.consensus(), null, 1, 1, base.participants(),
                null, List.of(), List.of(), List.of(), base.votes(), null, null, 0, List.of(), null, T, T, null);

        assertThat(adapter.forward(undecided, Optional.empty())).isEqualTo(Learned.NOTHING);
        assertThat(adapter.forward(with(base, List.of(), List.of(), List.of()), Optional.empty())).isEqualTo(Learned.NOTHING);
    }
}
