package ai.aragora.agents.llm.internal;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Matches what a model wrote for a vote ("Claude's proposal", "**anthropic_api**", "openai")
 * to one of the debate's agent names, or to none when it is ambiguous.
 */
final class AgentNames {

    private static final Pattern NOT_ALPHANUMERIC = Pattern.compile("[^a-z0-9]");

    private AgentNames() {
    }

    public static Optional<String> match(String written, Collection<String> candidates) {
        if (written == null || written.isBlank() || candidates.isEmpty()) {
            return Optional.empty();
        }
        String trimmed = written.trim();
        for (String c : candidates) {
            if (c.equalsIgnoreCase(trimmed)) {
                return Optional.of(c);
            }
        }
        String w = normal(trimmed);
        if (w.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> same = unique(candidates, c -> normal(c).equals(w));
        if (same.isPresent()) {
            return same;
        }
        // The longest name the text contains ("I vote for anthropic-api's answer").
        String longest = null;
        boolean tie = false;
        for (String c : candidates) {
            String n = normal(c);
            if (!n.isEmpty() && w.contains(n)) {
                if (longest == null || n.length() > normal(longest).length()) {
                    longest = c;
                    tie = false;
                } else if (n.length() == normal(longest).length()) {
                    tie = true;
                }
            }
        }
        if (longest != null && !tie) {
            return Optional.of(longest);
        }
        // A shortened name ("openai" for "openai-api"), if only one agent starts with it.
        Optional<String> prefix = w.length() >= 3 ? unique(candidates, c -> normal(c).startsWith(w)) : Optional.empty();
        if (prefix.isPresent()) {
            return prefix;
        }
        return nearest(w, candidates);
    }

    /** A misspelling: the one candidate within a quarter of its length in edits. */
    private static Optional<String> nearest(String w, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        boolean tie = false;
        for (String c : candidates) {
            String n = normal(c);
            int d = distance(w, n);
            if (d < bestDistance) {
                best = c;
                bestDistance = d;
                tie = false;
            } else if (d == bestDistance) {
                tie = true;
            }
        }
        if (best == null || tie || bestDistance > Math.max(1, normal(best).length() / 4)) {
            return Optional.empty();
        }
        return Optional.of(best);
    }

    private static Optional<String> unique(Collection<String> candidates, java.util.function.Predicate<String> test) {
        String found = null;
        for (String c : candidates) {
            if (test.test(c)) {
                if (found != null) {
                    return Optional.empty();
                }
                found = c;
            }
        }
        return Optional.ofNullable(found);
    }

    static String normal(String s) {
        return NOT_ALPHANUMERIC.matcher(s.toLowerCase(Locale.ROOT)).replaceAll("");
    }

    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
