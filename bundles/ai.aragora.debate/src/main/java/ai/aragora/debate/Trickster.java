package ai.aragora.debate;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Hollow-consensus detection. After every vote the Trickster looks at the agreement that is
 * forming (a single leader backed by at least two voters with at least half of the votes) and
 * reads the current proposal of the leader and of every backer ({@link TextProfile}). Agreement
 * that rests on a proposal whose quality is below the threshold (no citations or evidence, vague
 * language, low specificity) is hollow: the engine challenges it in the next round, the debate
 * may not stop early on it, and each intervention lowers the final confidence by 0.05 (never
 * below 0.10). At most five interventions per debate, and none in the round right after one.
 */
final class Trickster {

    static final int MAX_INTERVENTIONS = 5;
    static final int COOLDOWN_ROUNDS = 1;
    static final double PENALTY = 0.05;
    static final double FLOOR = 0.10;
    static final double DEFAULT_MIN_QUALITY = 0.4;

    /** What was found hollow: the leader agreed on, the agents whose proposals lack substance, and their share of the agreement. */
    record Finding(String leader, List<String> hollow, double severity) {
    }

    private Trickster() {
    }

    /** Null when there is no agreement forming or it is substantiated. */
    static Finding inspect(VoteTally tally, Function<String, TextProfile> proposals, double minQuality) {
        if (!tally.hasSingleLeader() || tally.leaderVotes() < 2 || tally.share() < 0.5) {
            return null;
        }
        String leader = tally.leader();
        List<String> agreeing = tally.backers(leader);
        if (!agreeing.contains(leader)) {
            agreeing.add(0, leader);
        }
        List<String> hollow = new ArrayList<>(2);
        int judged = 0;
        for (String agent : agreeing) {
            TextProfile profile = proposals.apply(agent);
            if (profile == null) {
                continue;
            }
            judged++;
            if (profile.quality() < minQuality) {
                hollow.add(agent);
            }
        }
        return hollow.isEmpty() ? null : new Finding(leader, List.copyOf(hollow), (double) hollow.size() / judged);
    }

    static boolean mayIntervene(int interventions, int lastInterventionRound, int round) {
        return interventions < MAX_INTERVENTIONS && (interventions == 0 || round - lastInterventionRound > COOLDOWN_ROUNDS);
    }

    static double penalized(double confidence, int interventions) {
        if (interventions <= 0) {
            return confidence;
        }
        double lowered = confidence - PENALTY * Math.min(interventions, MAX_INTERVENTIONS);
        return Math.max(Math.min(confidence, FLOOR), lowered);
    }

    static String challenge(Finding finding) {
        StringBuilder text = new StringBuilder(320);
        text.append("Challenge: the agreement on ").append(finding.leader())
                .append("'s proposal rests on claims without evidence from ");
        for (int i = 0; i < finding.hollow().size(); i++) {
            text.append(i == 0 ? "" : i == finding.hollow().size() - 1 ? " and " : ", ").append(finding.hollow().get(i));
        }
        return text.append(" (no citations or data, vague language, few specifics). Before agreeing, back each claim")
                .append(" with a source, a measurement or a concrete example, or say what would change your mind.")
                .toString();
    }
}
