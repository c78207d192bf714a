package ai.aragora.debate;

import java.util.ArrayList;
import java.util.List;

import ai.aragora.api.debate.ConsensusMode;

/**
 * One round's valid votes counted per candidate: each vote adds its voter's weight (1 unless
 * the debate is weighted) to its choice. The leader has the most weight; ties go to the higher
 * sum of (calibrated) confidence, then to the earlier agent of the debate. A tie at the top never
 * reaches consensus.
 */
final class VoteTally {

    private static final double EPSILON = 1e-9;

    /** The candidates' names, in the debate's agent order. */
    private final String[] candidates;
    private final int[] voter;
    private final int[] choice;
    private final int votes;
    private final double[] weight;
    private final int[] count;
    private final int leader;
    private final boolean tied;
    private final double total;

    private VoteTally(String[] candidates, int[] voter, int[] choice, int votes, double[] weight, int[] count, int leader,
            boolean tied, double total) {
        this.candidates = candidates;
        this.voter = voter;
        this.choice = choice;
        this.votes = votes;
        this.weight = weight;
        this.count = count;
        this.leader = leader;
        this.tied = tied;
        this.total = total;
    }

    /**
     * @param candidates the debate's agents in order; voters and choices index into it
     * @param voter who cast each vote
     * @param choice whom each vote backs
     * @param voteWeight the weight of each vote
     * @param confidence the (calibrated) confidence of each vote, for tie-breaks
     * @param votes how many entries of the arrays are used
     */
    static VoteTally count(String[] candidates, int[] voter, int[] choice, double[] voteWeight, double[] confidence,
            int votes) {
        int n = candidates.length;
        double[] weight = new double[n];
        double[] confidenceSum = new double[n];
        int[] count = new int[n];
        double total = 0;
        for (int v = 0; v < votes; v++) {
            weight[choice[v]] += voteWeight[v];
            confidenceSum[choice[v]] += confidence[v];
            count[choice[v]]++;
            total += voteWeight[v];
        }
        int leader = -1;
        for (int c = 0; c < n; c++) {
            if (count[c] == 0) {
                continue;
            }
            if (leader < 0 || weight[c] > weight[leader] + EPSILON
                    || Math.abs(weight[c] - weight[leader]) <= EPSILON && confidenceSum[c] > confidenceSum[leader] + EPSILON) {
                leader = c;
            }
        }
        boolean tied = false;
        if (leader >= 0) {
            for (int c = 0; c < n; c++) {
                if (c != leader && count[c] > 0 && Math.abs(weight[c] - weight[leader]) <= EPSILON) {
                    tied = true;
                }
            }
        }
        return new VoteTally(candidates, voter.clone(), choice.clone(), votes, weight, count, leader, tied, total);
    }

    /** Fewest valid votes a decision needs: max(2, ceil(n / 2)) of n agents, 1 for a lone agent. */
    static int quorum(int agents) {
        // A lone agent's answer (a quick decision) stands on its own vote.
        return agents == 1 ? 1 : Math.max(2, (agents + 1) / 2);
    }

    int validVotes() {
        return votes;
    }

    /** The leading candidate's name, or null without valid votes. */
    String leader() {
        return leader < 0 ? null : candidates[leader];
    }

    boolean tiedAtTop() {
        return tied;
    }

    /** The leader's share of the (weighted) votes. */
    double share() {
        return leader < 0 || total <= 0 ? 0 : weight[leader] / total;
    }

    int leaderVotes() {
        return leader < 0 ? 0 : count[leader];
    }

    /**
     * Whether the votes meet the mode's bar. Judge mode is measured as majority here (the judge
     * decides after the last round); none never decides.
     */
    boolean reached(ConsensusMode mode, double threshold) {
        if (leader < 0 || tied) {
            return false;
        }
        double share = share();
        return switch (mode) {
            case MAJORITY, WEIGHTED, JUDGE -> share >= threshold - EPSILON;
            case SUPERMAJORITY -> share >= 2.0 / 3 - EPSILON;
            case UNANIMOUS -> share >= 1 - EPSILON;
            case ANY -> count[leader] >= 2;
            case NONE -> false;
        };
    }

    /** A plain count with a single leader decides. */
    boolean hasSingleLeader() {
        return leader >= 0 && !tied;
    }

    /** Voters who back {@code candidate}, in voting order. */
    List<String> backers(String candidate) {
        List<String> names = new ArrayList<>(votes);
        for (int v = 0; v < votes; v++) {
            if (candidates[choice[v]].equals(candidate)) {
                names.add(candidates[voter[v]]);
            }
        }
        return names;
    }

    /** Voters who back anyone but {@code candidate}. */
    List<String> opponents(String candidate) {
        List<String> names = new ArrayList<>(votes);
        for (int v = 0; v < votes; v++) {
            if (!candidates[choice[v]].equals(candidate)) {
                names.add(candidates[voter[v]]);
            }
        }
        return names;
    }

    List<String> voters() {
        List<String> names = new ArrayList<>(votes);
        for (int v = 0; v < votes; v++) {
            names.add(candidates[voter[v]]);
        }
        return names;
    }
}
