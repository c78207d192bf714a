package ai.aragora.debate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ai.aragora.api.agent.AgentInfo;
import ai.aragora.api.debate.ConsensusMode;
import ai.aragora.api.debate.DebateSpec;
import ai.aragora.api.debate.Participant;
import ai.aragora.api.rating.RatingService;

/** The agents of a debate in the spec's order, and its judge when the mode has one. */
final class Seats {

    final Seat[] all;
    final String[] names;
    /** The judge of a judge-mode debate (a debater or a participant of its own), else null. */
    final Seat judge;

    Seats(DebateSpec spec, AgentInfo[] infos, AgentInfo judgeInfo, RatingService ratingService) {
        int n = spec.agents().size();
        all = new Seat[n];
        names = new String[n];
        RatingService ratings = spec.consensus() == ConsensusMode.WEIGHTED ? ratingService : null;
        for (int i = 0; i < n; i++) {
            Seat s = new Seat(spec.agents().get(i), i);
            s.info = infos[i];
            if (ratings != null) {
                s.weight = weight(ratings, s.name);
            }
            all[i] = s;
            names[i] = s.name;
        }
        Seat j = null;
        if (spec.consensus() == ConsensusMode.JUDGE) {
            String judgeName = spec.effectiveJudge();
            int at = spec.agents().indexOf(judgeName);
            j = at >= 0 ? all[at] : new Seat(judgeName, -1);
            if (at < 0) {
                j.info = judgeInfo;
            }
        }
        judge = j;
    }

    int size() {
        return all.length;
    }

    /** Seats not dropped (an agent that went away without a successor is not asked again). */
    int live() {
        int n = 0;
        for (Seat s : all) {
            if (!s.dropped) {
                n++;
            }
        }
        return n;
    }

    int indexOf(String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    String proposalOf(String name) {
        int i = name == null ? -1 : indexOf(name);
        return i < 0 ? null : all[i].proposal;
    }

    TextProfile profileOf(String name) {
        int i = indexOf(name);
        return i < 0 ? null : all[i].profile;
    }

    /** Every current proposal by agent, in the spec's order. */
    Map<String, String> proposals() {
        Map<String, String> current = new LinkedHashMap<>();
        for (Seat s : all) {
            if (s.proposal != null) {
                current.put(s.name, s.proposal);
            }
        }
        return Map.copyOf(current);
    }

    List<Participant> participants() {
        List<Participant> list = new ArrayList<>(all.length + 1);
        for (Seat s : all) {
            list.add(s.participant());
        }
        if (judge != null && judge.index < 0) {
            list.add(judge.participant());
        }
        return list;
    }

    private static double weight(RatingService ratings, String agent) {
        try {
            return Math.max(0.1, Math.min(5.0, ratings.voteWeight(agent)));
        } catch (RuntimeException e) {
            return 1;
        }
    }
}
