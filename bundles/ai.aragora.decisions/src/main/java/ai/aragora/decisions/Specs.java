package ai.aragora.decisions;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import ai.aragora.api.debate.DebateSpec;
import ai.aragora.api.decision.DecisionRequest;
import ai.aragora.api.decision.DecisionType;

/**
 * The debate a decision runs. A debate and a gauntlet ask the configured agents (the server's
 * defaults when none are named), and in a gauntlet the last of them is the contrarian that attacks
 * the leading answer before the final vote; a quick decision asks one agent (the first named, else
 * the first default) for one answer. Problems are named by the request's field.
 */
final class Specs {

    private Specs() {
    }

    /** @param known the agents registered now */
    static DebateSpec of(DecisionRequest r, Set<String> known) {
        List<String> agents = r.agents().isEmpty() ? DebateSpec.DEFAULT_AGENTS : r.agents();
        if (r.type() == DecisionType.QUICK) {
            agents = List.of(agents.get(0));
        }
        List<String> unknown = new ArrayList<>();
        for (String agent : agents) {
            if (!known.contains(agent)) {
                unknown.add(agent);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("config.agents: unknown " + (unknown.size() == 1 ? "agent " : "agents ")
                    + String.join(", ", unknown) + " (available: " + String.join(", ", new TreeSet<>(known)) + ")");
        }
        DebateSpec.Builder spec = DebateSpec.builder(r.input()).context(r.context()).agents(agents).seed(r.seed())
                .orgId(r.orgId());
        if (r.type() == DecisionType.QUICK) {
            spec.rounds(1);
        } else if (r.rounds() > 0) {
            spec.rounds(r.rounds());
        }
        if (r.consensus() != null) {
            spec.consensus(r.consensus());
        }
        Map<String, String> metadata = new HashMap<>();
        if (r.createdBy() != null) {
            metadata.put("created_by", r.createdBy());
        }
        if (r.type() == DecisionType.GAUNTLET) {
            metadata.put(DebateSpec.CONTRARIAN, agents.get(agents.size() - 1));
        }
        spec.metadata(metadata);
        try {
            return spec.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field(e.getMessage()) + ": " + e.getMessage(), e);
        }
    }

    /** The spec's messages start with its own field name; the request nests them under {@code config}. */
    private static String field(String message) {
        String first = message == null ? "" : message.split("[ :]", 2)[0];
        return switch (first) {
            case "task" -> "input";
            case "context" -> "context";
            case "agents", "rounds", "min_rounds", "consensus", "threshold", "judge" -> "config." + first;
            default -> "config";
        };
    }
}
