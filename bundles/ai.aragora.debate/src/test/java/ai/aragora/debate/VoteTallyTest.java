package ai.aragora.debate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import ai.aragora.api.debate.ConsensusMode;

class VoteTallyTest {

    private static final String[] AGENTS = {"a", "b", "c", "d", "e"};

    /** Votes as "voter>choice" pairs, weight 1 and confidence 0.5 unless given. */
    private static VoteTally tally(String... votes) {
        return tally(null, null, votes);
    }

    private static VoteTally tally(double[] weights, double[] confidences, String... votes) {
        int[] voter = new int[votes.length];
        int[] choice = new int[votes.length];
        double[] w = new double[votes.length];
        double[] c = new double[votes.length];
        for (int i = 0; i < votes.length; i++) {
            voter[i] = java.util.Arrays.asList(AGENTS).indexOf(votes[i].substring(0, 1));
            choice[i] = java.util.Arrays.asList(AGENTS).indexOf(votes[i].substring(2));
            w[i] = weights == null ? 1 : weights[i];
            c[i] = confidences == null ? 0.5 : confidences[i];
        }
        return VoteTally.count(AGENTS, voter, choice, w, c, votes.length);
    }

    @Test
    void majorityNeedsTheThreshold() {
        VoteTally twoOfThree = tally("a>b", "b>b", "c>a");
        assertThat(twoOfThree.leader()).isEqualTo("b");
        assertThat(twoOfThree.share()).isEqualTo(2.0 / 3);
        assertThat(twoOfThree.reached(ConsensusMode.MAJORITY, 0.6)).isTrue();
        assertThat(twoOfThree.reached(ConsensusMode.MAJORITY, 0.7)).isFalse();
        assertThat(tally("a>b", "b>b", "c>a", "d>a", "e>c").reached(ConsensusMode.MAJORITY, 0.6)).isFalse();
    }

    @Test
    void supermajorityNeedsTwoThirds() {
        assertThat(tally("a>b", "b>b", "c>a").reached(ConsensusMode.SUPERMAJORITY, 0.6)).isTrue();
        assertThat(tally("a>b", "b>b", "c>b", "d>a", "e>a").reached(ConsensusMode.SUPERMAJORITY, 0.6)).as("3/5").isFalse();
        assertThat(tally("a>b", "b>b", "c>b", "d>b", "e>a").reached(ConsensusMode.SUPERMAJORITY, 0.6)).as("4/5").isTrue();
    }

    @Test
    void unanimousNeedsEveryValidVote() {
        assertThat(tally("a>c", "b>c", "c>c").reached(ConsensusMode.UNANIMOUS, 0.6)).isTrue();
        assertThat(tally("a>c", "b>c", "c>c", "d>a").reached(ConsensusMode.UNANIMOUS, 0.6)).isFalse();
    }

    @Test
    void anyNeedsTwoVotersBackingOneProposal() {
        assertThat(tally("a>b", "b>a").reached(ConsensusMode.ANY, 0.6)).as("a tie").isFalse();
        assertThat(tally("a>c", "b>c", "c>a", "d>b", "e>d").reached(ConsensusMode.ANY, 0.6)).as("2 of 5 agree").isTrue();
        assertThat(tally("a>a", "b>b", "c>c").reached(ConsensusMode.ANY, 0.6)).isFalse();
    }

    @Test
    void weightedCountsEachVoteAtItsVotersWeight() {
        VoteTally t = tally(new double[] {3.0, 1.0, 1.0}, null, "a>a", "b>b", "c>b");
        assertThat(t.leader()).isEqualTo("a");
        assertThat(t.share()).isEqualTo(0.6);
        assertThat(t.reached(ConsensusMode.WEIGHTED, 0.6)).isTrue();
        assertThat(t.backers("a")).containsExactly("a");
        assertThat(t.opponents("a")).containsExactly("b", "c");
        assertThat(t.leaderVotes()).isEqualTo(1);
    }

    @Test
    void noneNeverDecides() {
        assertThat(tally("a>a", "b>a", "c>a").reached(ConsensusMode.NONE, 0.6)).isFalse();
    }

    @Test
    void judgeModeIsMeasuredAsMajorityBetweenRounds() {
        assertThat(tally("a>a", "b>a", "c>b").reached(ConsensusMode.JUDGE, 0.6)).isTrue();
    }

    @Test
    void tiesGoToConfidenceThenToTheEarlierAgentButNeverDecide() {
        VoteTally byConfidence = tally(null, new double[] {0.9, 0.9, 0.6, 0.6}, "a>c", "b>c", "c>d", "d>d");
        assertThat(byConfidence.leader()).isEqualTo("c");
        assertThat(byConfidence.tiedAtTop()).isTrue();
        assertThat(byConfidence.reached(ConsensusMode.MAJORITY, 0.5)).isFalse();
        assertThat(byConfidence.hasSingleLeader()).isFalse();

        assertThat(tally(null, new double[] {0.6, 0.6, 0.9, 0.9}, "a>c", "b>c", "c>d", "d>d").leader()).isEqualTo("d");
        assertThat(tally("a>d", "b>b").leader()).as("equal in everything: earlier agent").isEqualTo("b");
    }

    @Test
    void noVotesNoLeader() {
        VoteTally none = tally();
        assertThat(none.leader()).isNull();
        assertThat(none.share()).isZero();
        assertThat(none.reached(ConsensusMode.ANY, 0.1)).isFalse();
    }

    @Test
    void quorumIsHalfTheAgentsAndAtLeastTwo() {
        assertThat(VoteTally.quorum(2)).isEqualTo(2);
        assertThat(VoteTally.quorum(3)).isEqualTo(2);
        assertThat(VoteTally.quorum(4)).isEqualTo(2);
        assertThat(VoteTally.quorum(5)).isEqualTo(3);
        assertThat(VoteTally.quorum(10)).isEqualTo(5);
    }
}
