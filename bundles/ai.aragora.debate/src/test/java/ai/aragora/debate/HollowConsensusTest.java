package ai.aragora.debate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import ai.aragora.api.agent.ProposalRequest;
import ai.aragora.api.debate.DebateResult;
import ai.aragora.api.debate.Message;
import ai.aragora.api.event.DebateEvent;
import ai.aragora.api.event.EventType;

/** The Trickster inside whole debates. */
class HollowConsensusTest {

    private final Harness h = new Harness();

    @Test
    void hollowAgreementIsChallengedInTheNextRoundAndCostsConfidence() {
        ScriptedAgent a = h.agent("a", "a");
        h.agent("b", "a");
        h.agent("loud", "a").hollow();
        DebateResult r = h.run(Harness.spec("a", "b", "loud").rounds(3).build());

        // round 1: intervention; round 2: cooldown, the debate may stop; it does (consensus)
        assertThat(r.tricksterInterventions()).isEqualTo(1);
        assertThat(r.roundsUsed()).as("no early stop on hollow agreement").isEqualTo(2);
        assertThat(a.proposals).extracting(ProposalRequest::challenges).satisfiesExactly(
                first -> assertThat(first).isEmpty(),
                second -> assertThat(second).singleElement().asString().contains("evidence from loud"));
        assertThat(r.confidence()).isEqualTo(1.0 - 0.05);
        assertThat(r.messages()).filteredOn(m -> m.role().equals("trickster")).singleElement()
                .extracting(Message::round, Message::agent).containsExactly(1, null);
        DebateEvent event = h.announced.stream().filter(e -> e.type() == EventType.TRICKSTER_INTERVENTION).findFirst().orElseThrow();
        assertThat(event.data()).containsEntry("targets", List.of("loud")).containsEntry("leader", "a")
                .containsEntry("intervention", 1).containsEntry("next_round", true);
    }

    @Test
    void interventionsRespectTheCooldownAndTheLimit() {
        h.agent("a", "loud").hollow();
        h.agent("b", "loud").hollow();
        h.agent("loud", "loud").hollow();
        DebateResult r = h.run(Harness.spec("a", "b", "loud").rounds(12).minRounds(12).build());
        assertThat(r.tricksterInterventions()).isEqualTo(5);
        assertThat(r.messages()).filteredOn(m -> m.role().equals("trickster")).extracting(Message::round)
                .containsExactly(1, 3, 5, 7, 9);
        assertThat(r.confidence()).isEqualTo(0.75);
    }

    @Test
    void substantiatedAgreementGoesUnchallenged() {
        h.agent("a", "a");
        h.agent("b", "a");
        h.agent("c", "a");
        DebateResult r = h.run(Harness.spec("a", "b", "c").rounds(3).build());
        assertThat(r.tricksterInterventions()).isZero();
        assertThat(r.roundsUsed()).isEqualTo(1);
        assertThat(r.confidence()).isEqualTo(1.0);
    }

    @Test
    void theTricksterCanBeSwitchedOff() {
        Harness quiet = new Harness(EngineSettings.DEFAULTS.withTrickster(false));
        quiet.agent("a", "a");
        quiet.agent("loud", "a").hollow();
        assertThat(quiet.run(Harness.spec("a", "loud").rounds(2).build()).tricksterInterventions()).isZero();
    }
}
