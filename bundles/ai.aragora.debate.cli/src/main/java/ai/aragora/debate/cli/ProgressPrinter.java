package ai.aragora.debate.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

import ai.aragora.api.event.DebateEvent;

/** One debate's events as short lines a person can follow: rounds, who said what, the vote. */
final class ProgressPrinter {

    private static final int PREVIEW = 110;

    private final PrintStream err;

    ProgressPrinter(PrintStream err) {
        this.err = err;
    }

    void print(DebateEvent e) {
        Map<String, Object> d = e.data();
        String agent = e.agent();
        switch (e.type()) {
            case DEBATE_START -> err.println("debate " + e.debateId() + ": " + preview(String.valueOf(d.get("task")))
                    + " [" + join(d.get("agents")) + "; " + d.get("rounds") + " rounds; " + d.get("consensus") + "]");
            case KNOWLEDGE_INJECTED -> err.println("given " + d.get("count") + " items of prior knowledge from earlier debates");
            case ROUND_START -> err.println("round " + e.round());
            case AGENT_MESSAGE -> err.println("  " + agent + ("judge".equals(d.get("role")) ? " judges: "
                    : Boolean.TRUE.equals(d.get("revision")) ? " revises: " : " proposes: ") + preview(String.valueOf(d.get("content"))));
            case CRITIQUE -> err.println("  " + agent + " critiques " + d.get("target") + " (severity " + severity(d.get("severity"))
                    + "): " + preview(first(d.get("issues"))));
            case VOTE -> err.println("  " + agent + (Boolean.TRUE.equals(d.get("baseline")) ? " (baseline) votes " : " votes ")
                    + d.get("choice") + " (" + d.get("confidence") + ")");
            case TRICKSTER_INTERVENTION -> err.println("  trickster challenges hollow agreement of " + join(d.get("targets"))
                    + " on " + d.get("leader") + "'s proposal");
            case CONVERGENCE_DETECTED -> err.println("  convergence: " + d.get("status") + " (similarity " + d.get("similarity") + ")");
            case AGENT_FAILURE -> err.println("  " + agent + " failed to " + d.get("phase") + ": " + d.get("kind") + " ("
                    + d.get("message") + ")");
            case CONSENSUS -> err.println((Boolean.TRUE.equals(d.get("reached")) ? "consensus reached" : "no consensus")
                    + (d.containsKey("winner") ? " on " + d.get("winner") : "") + ", confidence " + d.get("confidence")
                    + " (" + d.get("method") + "), verdict " + d.get("verdict"));
            case DEBATE_END -> err.println("debate " + d.get("status") + " after " + d.get("rounds_used")
                    + (Integer.valueOf(1).equals(d.get("rounds_used")) ? " round in " : " rounds in ")
                    + d.get("duration_seconds") + " s" + (d.containsKey("receipt_id") ? ", receipt " + d.get("receipt_id") : ""));
            default -> {
            }
        }
    }

    private static String preview(String text) {
        String line = text.replace('\n', ' ');
        return line.length() <= PREVIEW ? line : line.substring(0, PREVIEW - 3) + "...";
    }

    private static String join(Object list) {
        return list instanceof List<?> l ? String.join(", ", l.stream().map(String::valueOf).toList()) : String.valueOf(list);
    }

    private static String first(Object list) {
        return list instanceof List<?> l && !l.isEmpty() ? String.valueOf(l.get(0)) : "no issues";
    }

    private static String severity(Object value) {
        return value instanceof Double d && d == Math.rint(d) ? String.valueOf(d.intValue()) : String.valueOf(value);
    }
}
