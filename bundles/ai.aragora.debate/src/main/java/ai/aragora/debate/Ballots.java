package ai.aragora.debate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import ai.aragora.api.agent.Vote;
import ai.aragora.api.rating.RatingService;

/** The valid votes of one phase (a vote counts when it names an agent with a proposal), ready to count. */
final class Ballots {

    final List<Vote> valid;
    private final int[] voter;
    private final int[] choice;
    private final double[] weight;
    private final double[] confidence;

    Ballots(int size) {
        valid = new ArrayList<>(size);
        voter = new int[size];
        choice = new int[size];
        weight = new double[size];
        confidence = new double[size];
    }

    /** Adds a valid vote: its voter's and choice's seats, its weight and its calibrated confidence. */
    void add(Vote vote, int voterSeat, int choiceSeat, double voteWeight, double calibrated) {
        int n = valid.size();
        voter[n] = voterSeat;
        choice[n] = choiceSeat;
        weight[n] = voteWeight;
        confidence[n] = calibrated;
        valid.add(vote);
    }

    VoteTally tally(String[] names, boolean weighted) {
        if (!weighted) {
            Arrays.fill(weight, 1);
        }
        return VoteTally.count(names, voter, choice, weight, confidence, valid.size());
    }

    /** The vote's confidence as the voter's calibration adjusts it (decision 0008, "Calibration"); the stated one without. */
    static double calibrated(RatingService ratings, String agent, double stated) {
        if (ratings == null) {
            return stated;
        }
        try {
            double c = ratings.calibratedConfidence(agent, stated);
            return c >= 0 && c <= 1 ? c : stated;
        } catch (RuntimeException e) {
            return stated;
        }
    }
}
