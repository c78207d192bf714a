package ai.aragora.storage.jdbc.store;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import ai.aragora.storage.jdbc.Dialect;

/**
 * A question as a full-text query: its words (letters and digits only, so nothing the user types
 * reaches the query syntax), any of which may match, ranked by the backend (SQLite FTS5 bm25,
 * PostgreSQL ts_rank_cd). Words every text has are left out: they would match nearly every node.
 */
final class FullTextQuery {

    static final int MAX_WORDS = 32;

    private static final Set<String> STOP = Set.of("a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has",
            "have", "how", "in", "is", "it", "its", "of", "on", "or", "our", "should", "that", "the", "this", "to", "was",
            "we", "what", "when", "which", "who", "will", "with", "do", "does", "can", "i", "you", "they", "not", "no");

    private FullTextQuery() {
    }

    static Set<String> words(String text) {
        Set<String> words = new LinkedHashSet<>();
        for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!w.isEmpty() && !STOP.contains(w) && words.size() < MAX_WORDS) {
                words.add(w);
            }
        }
        return words;
    }

    /** The query in the backend's syntax; empty when the text has no word worth searching for. */
    static String of(String text, Dialect dialect) {
        return of(words(text), dialect);
    }

    /** Any of {@code words} (as {@link #words} gives them) in the backend's syntax. */
    static String of(Collection<String> words, Dialect dialect) {
        if (dialect == Dialect.SQLITE) {
            return words.stream().map(w -> '"' + w + '"').collect(Collectors.joining(" OR "));
        }
        return String.join(" | ", words);
    }
}
