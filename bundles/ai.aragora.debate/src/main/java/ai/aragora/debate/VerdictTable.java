package ai.aragora.debate;

import ai.aragora.api.debate.Verdict;

/**
 * The decision in a word. Without consensus: needs review from confidence 0.4, else rejected.
 * With consensus: approved only without dissent and from confidence 0.8, otherwise approved with
 * conditions.
 */
final class VerdictTable {

    static final double REVIEW = 0.4;
    static final double APPROVE = 0.8;

    private VerdictTable() {
    }

    static Verdict verdict(boolean reached, double confidence, boolean dissent) {
        if (!reached) {
            return confidence >= REVIEW ? Verdict.NEEDS_REVIEW : Verdict.REJECTED;
        }
        if (dissent) {
            return Verdict.APPROVED_WITH_CONDITIONS;
        }
        return confidence >= APPROVE ? Verdict.APPROVED : Verdict.APPROVED_WITH_CONDITIONS;
    }
}
