package ai.aragora.debate;

import java.util.List;

import ai.aragora.api.agent.Critique;
import ai.aragora.api.agent.Vote;

/** How critiques, votes and side-by-side proposals read in the transcript. */
final class TranscriptText {

    private TranscriptText() {
    }

    static String critique(Critique c) {
        int size = c.target().length() + 40 + c.reasoning().length();
        for (String issue : c.issues()) {
            size += issue.length() + 2;
        }
        for (String suggestion : c.suggestions()) {
            size += suggestion.length() + 2;
        }
        StringBuilder text = new StringBuilder(size);
        text.append(c.target()).append(", severity ");
        Decimals.append(text, c.severity(), c.severity() == Math.rint(c.severity()) ? 0 : 1).append("/10.");
        return findings(text, c).toString();
    }

    /** A critique's issues, suggestions and reasoning, as the transcript and a receipt's finding word them. */
    static StringBuilder findings(StringBuilder text, Critique c) {
        join(text, "Issues: ", c.issues());
        join(text, "Suggestions: ", c.suggestions());
        if (!c.reasoning().isBlank()) {
            text.append(text.length() == 0 ? "" : " ").append(c.reasoning());
        }
        return text;
    }

    static String vote(Vote v, boolean isBaseline) {
        StringBuilder text = new StringBuilder(48 + v.reasoning().length());
        if (isBaseline) {
            text.append("Baseline vote: ");
        }
        text.append(v.choice()).append(" (confidence ");
        Decimals.append(text, v.confidence(), 2).append(')');
        if (!v.reasoning().isBlank()) {
            text.append(": ").append(v.reasoning());
        }
        return text.toString();
    }

    /** Every current proposal under its agent's name, in the spec's order; null when there is none. */
    static String sideBySide(Seat[] seats) {
        StringBuilder text = new StringBuilder(512);
        for (Seat s : seats) {
            if (s.proposal != null) {
                text.append(text.length() == 0 ? "" : "\n\n").append(s.name).append(": ").append(s.proposal);
            }
        }
        return text.length() == 0 ? null : text.toString();
    }

    /** An agent's text quoted in an error, cut to a readable length. */
    static String clip(String s) {
        return s.length() > 64 ? s.substring(0, 64) + "..." : s;
    }

    private static void join(StringBuilder text, String label, List<String> items) {
        if (items.isEmpty()) {
            return;
        }
        text.append(text.length() == 0 ? "" : " ").append(label);
        for (int i = 0; i < items.size(); i++) {
            text.append(i == 0 ? "" : "; ").append(items.get(i));
        }
        text.append('.');
    }
}
