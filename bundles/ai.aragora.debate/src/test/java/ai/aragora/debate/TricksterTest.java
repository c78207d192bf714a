package ai.aragora.debate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class TricksterTest {

    private static final String[] AGENTS = {"a", "b", "c"};
    private static final TextProfile GOOD = TextProfile.of("a" + ScriptedAgent.SUBSTANTIATED);
    private static final TextProfile HOLLOW = TextProfile.of(ScriptedAgent.HOLLOW);

    private static VoteTally votes(int... choices) {
        int[] voters = new int[choices.length];
        for (int i = 0; i < voters.length; i++) {
            voters[i] = i;
        }
        double[] ones = new double[choices.length];
        java.util.Arrays.fill(ones, 1);
        return VoteTally.count(AGENTS, voters, choices, ones, ones, choices.length);
    }

    @Test
    void agreementBackedByAHollowProposalIsChallenged() {
        Map<String, TextProfile> proposals = Map.of("a", GOOD, "b", GOOD, "c", HOLLOW);
        Trickster.Finding f = Trickster.inspect(votes(0, 0, 0), proposals::get, 0.4);
        assertThat(f).isNotNull();
        assertThat(f.leader()).isEqualTo("a");
        assertThat(f.hollow()).containsExactly("c");
        assertThat(f.severity()).isEqualTo(1.0 / 3);
        assertThat(Trickster.challenge(f)).startsWith("Challenge: the agreement on a's proposal rests on claims without"
                + " evidence from c (");
    }

    @Test
    void aHollowLeaderIsChallengedEvenWhenItsBackersAreSound() {
        Trickster.Finding f = Trickster.inspect(votes(2, 2, 0), Map.of("a", GOOD, "b", GOOD, "c", HOLLOW)::get, 0.4);
        assertThat(f.hollow()).containsExactly("c");
    }

    @Test
    void substantiatedAgreementPasses() {
        assertThat(Trickster.inspect(votes(0, 0, 1), Map.of("a", GOOD, "b", GOOD, "c", GOOD)::get, 0.4)).isNull();
    }

    @Test
    void withoutAgreementThereIsNothingToChallenge() {
        Map<String, TextProfile> hollow = Map.of("a", HOLLOW, "b", HOLLOW, "c", HOLLOW);
        assertThat(Trickster.inspect(votes(0, 1, 2), hollow::get, 0.4)).as("no leader backed twice").isNull();
        assertThat(Trickster.inspect(votes(0, 1), hollow::get, 0.4)).as("a tie").isNull();
        assertThat(Trickster.inspect(votes(0, 0, 0), Map.of("a", HOLLOW)::get, 0.0)).as("threshold 0").isNull();
    }

    @Test
    void atMostFiveInterventionsAndNeverInTheRoundAfterOne() {
        assertThat(Trickster.mayIntervene(0, 0, 1)).isTrue();
        assertThat(Trickster.mayIntervene(1, 1, 2)).as("cooldown").isFalse();
        assertThat(Trickster.mayIntervene(1, 1, 3)).isTrue();
        assertThat(Trickster.mayIntervene(5, 1, 11)).isFalse();
    }

    @Test
    void eachInterventionCostsFivePointsDownToTenPercent() {
        assertThat(Trickster.penalized(0.9, 0)).isEqualTo(0.9);
        assertThat(Trickster.penalized(0.9, 1)).isEqualTo(0.85, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(Trickster.penalized(0.9, 5)).isEqualTo(0.65, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(Trickster.penalized(0.2, 3)).isEqualTo(0.10);
        assertThat(Trickster.penalized(0.05, 2)).as("never raised").isEqualTo(0.05);
    }
}
