package ai.aragora.debate;

import ai.aragora.api.debate.Convergence;
import ai.aragora.api.debate.ProposalSimilarity;

/**
 * How much the proposals still move: each agent's revision compared with its proposal of the
 * previous round, the least similar agent deciding. At least {@value #CONVERGED} is converged,
 * below {@value #DIVERGING} diverging, refining in between.
 */
final class ConvergenceDetector {

    static final double CONVERGED = 0.85;
    static final double DIVERGING = 0.40;

    private ConvergenceDetector() {
    }

    static Convergence classify(double similarity) {
        if (similarity >= CONVERGED) {
            return Convergence.CONVERGED;
        }
        return similarity < DIVERGING ? Convergence.DIVERGING : Convergence.REFINING;
    }

    /** The pluggable measure when one is registered and answers sensibly, else the token Jaccard baseline. */
    static double similarity(ProposalSimilarity plugged, String previous, TextProfile previousProfile, String current,
            TextProfile currentProfile) {
        if (plugged != null) {
            try {
                double s = plugged.similarity(previous, current);
                if (s >= 0 && s <= 1) {
                    return s;
                }
            } catch (RuntimeException e) {
                // a broken plug-in must not decide a debate: the baseline answers instead
            }
        }
        return previousProfile.similarity(currentProfile);
    }
}
