package ai.aragora.debate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import ai.aragora.agents.demo.DemoAgents;
import ai.aragora.api.agent.Agent;
import ai.aragora.api.debate.DebateResult;
import ai.aragora.api.debate.DebateSpec;
import ai.aragora.api.debate.DebateStatus;

/** Whole debates between the real demo agents. */
class DemoDebatesTest {

    private static Harness engineWithDemoAgents() {
        Harness h = new Harness();
        for (Agent agent : DemoAgents.standalone("1.0.0")) {
            h.register(agent);
        }
        return h;
    }

    /** Everything a reader compares, without ids and clocks. */
    static String comparable(DebateResult r) {
        return String.join("\n", r.status().wire(), String.valueOf(r.verdict()), String.valueOf(r.finalAnswer()),
                String.valueOf(r.consensus()), String.valueOf(r.winner()), String.valueOf(r.dissentingViews()),
                String.valueOf(r.baseline()), String.valueOf(r.convergence()), String.valueOf(r.tricksterInterventions()),
                String.valueOf(r.votes()), String.valueOf(r.critiques()), String.valueOf(r.usage()),
                r.messages().stream().map(m -> m.index() + " " + m.role() + " " + m.agent() + " r" + m.round() + " " + m.content())
                        .collect(Collectors.joining("\n")));
    }

    private static DebateSpec spec(long seed, String... agents) {
        DebateSpec.Builder b = DebateSpec.builder("Should we adopt exponential backoff with jitter?").seed(seed);
        return agents.length == 0 ? b.build() : b.agents(List.of(agents)).build();
    }

    @Test
    void theSameSeedAndAgentsGiveTheSameDebate() {
        Harness first = engineWithDemoAgents();
        Harness second = engineWithDemoAgents();
        for (long seed = 0; seed < 30; seed++) {
            DebateResult a = first.run(spec(seed));
            DebateResult b = second.run(spec(seed));
            assertThat(comparable(b)).isEqualTo(comparable(a));
            assertThat(b.id()).isNotEqualTo(a.id());
        }
    }

    @Test
    void theDefaultAgentsDebateSubstantivelyAndDoNotAlwaysAgree() {
        Harness h = engineWithDemoAgents();
        java.util.Set<String> winners = new java.util.HashSet<>();
        int longer = 0;
        for (long seed = 0; seed < 40; seed++) {
            DebateResult r = h.run(spec(seed));
            assertThat(r.tricksterInterventions()).as("seed %d", seed).isZero();
            assertThat(r.failures()).isEmpty();
            assertThat(r.participants()).extracting(p -> p.agent()).containsExactlyElementsOf(DebateSpec.DEFAULT_AGENTS);
            assertThat(r.status()).isIn(DebateStatus.CONSENSUS_REACHED, DebateStatus.COMPLETED);
            winners.add(r.winner());
            longer += r.roundsUsed() > 1 ? 1 : 0;
        }
        assertThat(winners).as("the seed decides who wins").hasSizeGreaterThan(1);
        assertThat(longer).as("debates that needed another round").isPositive();
    }

    @Test
    void theTricksterCatchesTheHollowAgent() {
        Harness h = engineWithDemoAgents();
        int caught = 0;
        for (long seed = 0; seed < 40; seed++) {
            DebateResult r = h.run(spec(seed, "demo-supportive", "demo-critical", "demo-hollow"));
            if (r.tricksterInterventions() > 0) {
                caught++;
            }
        }
        assertThat(caught).isEqualTo(40);
    }

    @Test
    void oneAgentAnswersAloneInASingleRound() {
        Harness h = engineWithDemoAgents();
        DebateResult r = h.run(DebateSpec.builder("Should we adopt exponential backoff with jitter?").agents(List.of("demo-balanced"))
                .rounds(1).seed(7).build());
        assertThat(r.status()).isEqualTo(DebateStatus.COMPLETED);
        assertThat(r.failures()).isEmpty();
        assertThat(r.winner()).isEqualTo("demo-balanced");
        assertThat(r.finalAnswer()).isNotBlank();
        assertThat(r.consensusReached()).as("one voice is no consensus").isFalse();
        assertThat(r.critiques()).isEmpty();
        assertThat(comparable(h.run(DebateSpec.builder("Should we adopt exponential backoff with jitter?")
                .agents(List.of("demo-balanced")).rounds(1).seed(7).build()))).isEqualTo(comparable(r));
    }

    @Test
    void inAGauntletTheContrarianAttacksTheLeaderWhoDefendsBeforeTheFinalVote() {
        Harness h = engineWithDemoAgents();
        DebateSpec gauntlet = DebateSpec.builder("Should we adopt exponential backoff with jitter?").rounds(2).minRounds(2).seed(3)
                .metadata(java.util.Map.of(DebateSpec.CONTRARIAN, "demo-critical")).build();
        DebateResult r = h.run(gauntlet);
        assertThat(r.status()).isIn(DebateStatus.CONSENSUS_REACHED, DebateStatus.COMPLETED);
        List<ai.aragora.api.debate.Message> said = r.messages();
        int attack = -1;
        for (int i = 0; i < said.size(); i++) {
            if ("contrarian".equals(said.get(i).role())) {
                assertThat(attack).as("one attack").isEqualTo(-1);
                attack = i;
            }
        }
        assertThat(attack).as("the contrarian attacked").isNotNegative();
        assertThat(said.get(attack).agent()).isEqualTo("demo-critical");
        assertThat(said.get(attack).round()).isEqualTo(2);
        ai.aragora.api.agent.Critique critique = r.critiques().stream().filter(c -> c.agent().equals("demo-critical")
                && c.round() == 2).reduce((a, b) -> b).orElseThrow();
        ai.aragora.api.debate.Message defence = said.get(attack + 1);
        assertThat(defence.role()).isEqualTo("proposer");
        assertThat(defence.agent()).as("the attacked leader answers").isEqualTo(critique.target());
        assertThat(said.subList(attack + 1, said.size())).as("the final vote follows the defence")
                .anyMatch(m -> m.role().equals("voter") && m.round() == 2);
        assertThat(said.subList(0, attack)).noneMatch(m -> m.role().equals("voter") && m.round() == 2);
        assertThat(comparable(h.run(gauntlet))).isEqualTo(comparable(r));
    }

    @Test
    void theContrarianMustBeOneOfTheDebatesAgents() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DebateSpec.builder("q")
                .metadata(java.util.Map.of(DebateSpec.CONTRARIAN, "demo-hollow")).build())
                .hasMessageStartingWith("contrarian: 'demo-hollow' is not one of the debate's agents");
    }
}
