package ai.aragora.debate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import ai.aragora.api.agent.Critique;
import ai.aragora.api.agent.Vote;
import ai.aragora.api.debate.DebateResult;
import ai.aragora.api.rating.Calibration;
import ai.aragora.api.receipt.DecisionRecord.Crux;
import ai.aragora.api.receipt.DecisionRecord.Evidence;
import ai.aragora.api.receipt.DecisionRecord.Finding;

/**
 * What a decided debate's transcript shows against its answer: the critiques that still stand
 * against the decided proposal and the points on which the final vote split.
 */
final class DebateEvidence {

    private DebateEvidence() {
    }

    static Evidence of(DebateResult r, List<Calibration> calibration) {
        String decided = r.winner();
        if (decided == null) {
            return new Evidence(List.of(), List.of(), calibration, r.priorKnowledge());
        }
        Map<String, Map<String, Critique>> standing = standing(r.critiques());
        return new Evidence(findings(standing, decided), cruxes(r, decided, standing), calibration, r.priorKnowledge());
    }

    /** Each critic's last critique of each proposal: what it still held against it when the debate ended. */
    private static Map<String, Map<String, Critique>> standing(List<Critique> critiques) {
        Map<String, Map<String, Critique>> byTarget = new LinkedHashMap<>();
        for (Critique c : critiques) {
            Map<String, Critique> byCritic = byTarget.computeIfAbsent(c.target(), t -> new LinkedHashMap<>());
            Critique earlier = byCritic.get(c.agent());
            if (earlier == null || c.round() >= earlier.round()) {
                byCritic.put(c.agent(), c);
            }
        }
        return byTarget;
    }

    /** A critique of severity 0 finds nothing wrong: it stands against nothing. */
    private static List<Finding> findings(Map<String, Map<String, Critique>> standing, String decided) {
        List<Finding> findings = new ArrayList<>();
        for (Critique c : standing.getOrDefault(decided, Map.of()).values()) {
            if (c.severity() > 0) {
                findings.add(finding(c));
            }
        }
        return findings;
    }

    /**
     * One crux per proposal that final voters backed instead of the decided one: who backed
     * which, and the most severe standing critique between the two sides (a later round first on a tie).
     */
    private static List<Crux> cruxes(DebateResult r, String decided, Map<String, Map<String, Critique>> standing) {
        Map<String, List<String>> backers = new LinkedHashMap<>();
        for (Vote v : finalVotes(r)) {
            backers.computeIfAbsent(v.choice(), c -> new ArrayList<>()).add(v.agent());
        }
        List<String> decidedBy = backers.getOrDefault(decided, List.of());
        List<Crux> cruxes = new ArrayList<>();
        for (Map.Entry<String, List<String>> side : backers.entrySet()) {
            String alternative = side.getKey();
            if (alternative.equals(decided)) {
                continue;
            }
            Critique separating = null;
            for (Critique c : between(standing, side.getValue(), decided, decidedBy, alternative)) {
                if (c.severity() > 0 && (separating == null || c.severity() > separating.severity()
                        || c.severity() == separating.severity() && c.round() > separating.round())) {
                    separating = c;
                }
            }
            cruxes.add(new Crux(decided, decidedBy, alternative, side.getValue(),
                    Optional.ofNullable(separating).map(DebateEvidence::finding)));
        }
        return cruxes;
    }

    /** The standing critiques one side raised against the other side's proposal. */
    private static List<Critique> between(Map<String, Map<String, Critique>> standing, List<String> alternativeBy,
            String decided, List<String> decidedBy, String alternative) {
        List<Critique> critiques = new ArrayList<>();
        Map<String, Critique> ofDecided = standing.getOrDefault(decided, Map.of());
        alternativeBy.forEach(a -> Optional.ofNullable(ofDecided.get(a)).ifPresent(critiques::add));
        Map<String, Critique> ofAlternative = standing.getOrDefault(alternative, Map.of());
        decidedBy.forEach(a -> Optional.ofNullable(ofAlternative.get(a)).ifPresent(critiques::add));
        return critiques;
    }

    /** The votes of the last vote taken: the ones the decision counted. */
    static List<Vote> finalVotes(DebateResult r) {
        int last = 0;
        for (Vote v : r.votes()) {
            last = Math.max(last, v.round());
        }
        List<Vote> votes = new ArrayList<>();
        for (Vote v : r.votes()) {
            if (v.round() == last) {
                votes.add(v);
            }
        }
        return votes;
    }

    static List<String> finalVoters(DebateResult r) {
        return finalVotes(r).stream().map(Vote::agent).distinct().toList();
    }

    private static Finding finding(Critique c) {
        return new Finding(c.agent(), c.target(), c.round(), c.severity(), text(c));
    }

    /** The critique in its own words: issues, suggestions, reasoning. */
    static String text(Critique c) {
        return TranscriptText.findings(new StringBuilder(64 + c.reasoning().length()), c).toString();
    }
}
