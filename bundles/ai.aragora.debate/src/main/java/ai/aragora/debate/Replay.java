package ai.aragora.debate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ai.aragora.api.agent.Critique;
import ai.aragora.api.agent.Vote;
import ai.aragora.api.debate.BaselineVote;
import ai.aragora.api.debate.ConsensusMode;
import ai.aragora.api.debate.Convergence;
import ai.aragora.api.debate.DebateSpec;
import ai.aragora.api.debate.Message;
import ai.aragora.api.event.DebateEvent;
import ai.aragora.api.event.EventData;
import ai.aragora.api.event.EventType;
import ai.aragora.api.rating.RatingService;

/**
 * A debate's state at its last durable step, rebuilt from its stored transcript: the end of the
 * last round whose votes were stored ({@code rounds_used}). What was said after it stays in the
 * transcript; the round after it starts again. Seats get their last proposal and the critiques
 * that round handed them; the counts the result reports (critiques, votes, the baseline, the
 * Trickster's interventions) are read back from the events.
 */
final class Replay {

    /** The round that starts again. */
    final int round;
    final List<Critique> critiques = new ArrayList<>();
    final List<Vote> votes = new ArrayList<>();
    final List<Critique> lastCritiques = new ArrayList<>();
    BaselineVote baseline;
    VoteTally lastTally;
    Convergence convergence;
    int interventions;
    int lastInterventionRound;
    List<String> challenges = List.of();
    boolean attacked;

    private Replay(int round) {
        this.round = round;
    }

    /**
     * Rebuilds the state after {@code roundsDone} rounds from the stored {@code messages} and
     * {@code events}, filling {@code seats} with what their agents last proposed and were told.
     */
    static Replay of(DebateSpec spec, int roundsDone, List<Message> messages, List<DebateEvent> events, Seats seats,
            RatingService ratings) {
        int done = Math.max(0, Math.min(roundsDone, spec.rounds() - 1));
        Replay r = new Replay(done + 1);
        for (Message m : messages) {
            int seat = m.agent() == null ? -1 : seats.indexOf(m.agent());
            if (m.round() <= done && seat >= 0 && Roles.PROPOSER.equals(m.role())) {
                seats.all[seat].proposal = m.content();
                seats.all[seat].profile = TextProfile.of(m.content());
            }
        }
        // A round started again holds the votes of both its runs: each voter's last one counts.
        Map<Integer, Cast> baselineCasts = new LinkedHashMap<>();
        Map<Integer, Cast> lastCasts = new LinkedHashMap<>();
        for (DebateEvent e : events) {
            if (e.round() > done) {
                continue;
            }
            Map<String, Object> d = e.data();
            if (e.type() == EventType.CRITIQUE) {
                Critique c = new Critique(e.agent(), text(d.get(EventData.TARGET)), e.round(), texts(d.get("issues")), List.of(),
                        number(d.get(EventData.SEVERITY)), null, null);
                r.critiques.add(c);
                boolean attack = Gauntlet.ROLE.equals(d.get("role"));
                r.attacked |= attack;
                int target = seats.indexOf(c.target());
                if (!attack && e.round() == done && target >= 0) {
                    r.lastCritiques.add(c);
                    Seat s = seats.all[target];
                    if (s.received == null) {
                        s.received = new ArrayList<>(seats.size() - 1);
                    }
                    s.received.add(c);
                }
            } else if (e.type() == EventType.VOTE) {
                boolean isBaseline = Boolean.TRUE.equals(d.get(EventData.BASELINE));
                Vote v = new Vote(e.agent(), text(d.get(EventData.CHOICE)), e.round(), number(d.get(EventData.CONFIDENCE)), null,
                        false, null);
                int voter = seats.indexOf(v.agent());
                int choice = seats.indexOf(v.choice());
                if (voter < 0 || choice < 0) {
                    continue;
                }
                double calibrated = d.get("calibrated_confidence") == null ? Ballots.calibrated(ratings, v.agent(), v.confidence())
                        : number(d.get("calibrated_confidence"));
                Cast cast = new Cast(v, voter, choice, calibrated);
                if (isBaseline) {
                    baselineCasts.put(voter, cast);
                } else {
                    r.votes.add(v);
                    if (e.round() == done) {
                        lastCasts.put(voter, cast);
                    }
                }
            } else if (e.type() == EventType.CONVERGENCE_DETECTED) {
                r.convergence = convergence(text(d.get("status")));
            } else if (e.type() == EventType.TRICKSTER_INTERVENTION) {
                r.interventions++;
                r.lastInterventionRound = e.round();
                r.challenges = e.round() == done && d.get("challenge") != null ? List.of(text(d.get("challenge"))) : List.of();
            }
        }
        if (!baselineCasts.isEmpty()) {
            Ballots ballots = ballots(baselineCasts, seats);
            VoteTally tally = ballots.tally(seats.names, false);
            r.baseline = new BaselineVote(tally.leader(), Decimals.round(tally.share(), 4), ballots.valid);
        }
        if (!lastCasts.isEmpty()) {
            r.lastTally = ballots(lastCasts, seats).tally(seats.names, spec.consensus() == ConsensusMode.WEIGHTED);
        }
        return r;
    }

    private record Cast(Vote vote, int voter, int choice, double calibrated) {
    }

    private static Ballots ballots(Map<Integer, Cast> casts, Seats seats) {
        Ballots ballots = new Ballots(casts.size());
        for (Cast c : casts.values()) {
            ballots.add(c.vote(), c.voter(), c.choice(), seats.all[c.voter()].weight, c.calibrated());
        }
        return ballots;
    }

    private static Convergence convergence(String wire) {
        for (Convergence c : Convergence.values()) {
            if (c.wire().equals(wire)) {
                return c;
            }
        }
        return null;
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static double number(Object value) {
        return value instanceof Number n ? n.doubleValue() : value == null ? 0 : Double.parseDouble(value.toString());
    }

    private static List<String> texts(Object value) {
        if (!(value instanceof List<?> list)) {
            return List.of();
        }
        List<String> out = new ArrayList<>(list.size());
        for (Object o : list) {
            out.add(String.valueOf(o));
        }
        return out;
    }
}
