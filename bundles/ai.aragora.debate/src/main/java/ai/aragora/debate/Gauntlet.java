package ai.aragora.debate;

import ai.aragora.api.debate.DebateSpec;

/**
 * The adversarial round of a gauntlet: in the last round, after the critiques and before the
 * final vote, the contrarian ({@link DebateSpec#CONTRARIAN}) attacks the leading proposal (the
 * leader of the last vote, else of the baseline), and the leader revises its proposal answering
 * the attack. The attack is a critique like any other: it stands in the transcript, and in the
 * receipt's findings when it stands against the decided answer. Once per debate; a gauntlet runs
 * all its rounds; the attack is skipped when the contrarian dropped out or no proposal leads.
 */
final class Gauntlet {

    static final String ROLE = "contrarian";

    private Gauntlet() {
    }

    /** The contrarian's seat if the attack is due now, else null. */
    static Seat contrarian(DebateSpec spec, Seats seats, int round, boolean attacked) {
        String name = spec.metadata().get(DebateSpec.CONTRARIAN);
        if (name == null || attacked || round < spec.rounds()) {
            return null;
        }
        int at = seats.indexOf(name);
        Seat seat = at < 0 ? null : seats.all[at];
        return seat == null || seat.dropped ? null : seat;
    }

    /** Whether the attack is still to come: a gauntlet does not stop early, its attack precedes the last vote. */
    static boolean ahead(DebateSpec spec, boolean attacked) {
        return !attacked && spec.metadata().containsKey(DebateSpec.CONTRARIAN);
    }

    /** The seat whose proposal leads, or null when none does. */
    static Seat leader(Seats seats, String leader) {
        int at = leader == null ? -1 : seats.indexOf(leader);
        Seat seat = at < 0 ? null : seats.all[at];
        return seat == null || seat.dropped || seat.proposal == null ? null : seat;
    }
}
