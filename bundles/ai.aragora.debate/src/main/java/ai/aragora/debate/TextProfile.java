package ai.aragora.debate;

/**
 * What the engine reads in a proposal, in one pass over its characters and without regular
 * expressions: its distinct words (for convergence) and the three signals of hollow agreement.
 * <ul>
 * <li><b>evidence</b>: bracketed numeric references ({@code [1]}), URLs, {@code doi:},
 * {@code source:}, "according to", "et al", RFC numbers, worked examples ("for example", "for
 * instance", "e.g.", "such as", "case study") and quantities with a unit or a percent sign
 * ({@code 30%}, {@code 200 ms}, {@code 4 weeks});</li>
 * <li><b>specifics</b>: words that carry a digit (counts, dates, versions, thresholds);</li>
 * <li><b>vague language</b>: hedges and hype ("generally", "best practices", "it depends",
 * "clearly", "absolutely", "everyone agrees", "trust me") and exclamation marks.</li>
 * </ul>
 * Words are compared by hashes of their lower-case letters and digits (32 bits: two of a
 * proposal's words share one about once in ten million).
 */
final class TextProfile {

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;
    private static final long PAIR = 0x9E3779B97F4A7C15L;

    private static final int EVIDENCE = 1;
    private static final int VAGUE = 2;
    private static final int UNIT = 3;
    private static final int KIND = 3;
    /** The word begins a phrase of two or three words. */
    private static final int STARTS_PAIR = 4;
    /** The two words begin a phrase of three. */
    private static final int STARTS_TRIPLE = 8;

    /** Lexicon entries by hash (open addressing, 0 = empty): what each word or phrase signals, and whether a phrase goes on. */
    private static final long[] LEXICON_KEYS = new long[512];
    private static final byte[] LEXICON_FLAGS = new byte[512];

    static {
        String[] evidence = {"source", "sources", "doi", "http", "https", "www", "rfc", "iso", "according to",
                "et al", "for example", "for instance", "e g", "such as", "case study", "measured", "benchmark",
                "benchmarks", "survey", "postmortem", "postmortems"};
        String[] vague = {"generally", "typically", "usually", "often", "sometimes", "might", "perhaps", "maybe",
                "basically", "simply", "obviously", "clearly", "absolutely", "definitely", "certainly", "totally",
                "undoubtedly", "amazing", "awesome", "fantastic", "perfect", "great", "brilliant", "best practices",
                "it depends", "in general", "various factors", "many considerations", "significant impact",
                "industry standard", "everyone agrees", "everybody agrees", "no doubt", "trust me", "of course",
                "great idea", "in some cases", "may or may not", "could potentially"};
        String[] units = {"ms", "s", "sec", "secs", "seconds", "second", "minute", "minutes", "min", "mins", "hour",
                "hours", "h", "day", "days", "week", "weeks", "month", "months", "year", "years", "x", "times",
                "percent", "kb", "mb", "gb", "tb", "req", "requests", "users", "rps", "qps", "usd", "eur", "k", "m"};
        for (String s : evidence) {
            entry(s, EVIDENCE);
        }
        for (String s : vague) {
            entry(s, VAGUE);
        }
        for (String s : units) {
            entry(s, UNIT);
        }
    }

    /** The distinct words: an open-addressing set of 32-bit hashes, 0 = empty, a power of two long. */
    private final int[] words;
    private final int distinct;
    final int wordCount;
    final int evidence;
    final int specifics;
    final int vague;

    private TextProfile(int[] words, int distinct, int wordCount, int evidence, int specifics, int vague) {
        this.words = words;
        this.distinct = distinct;
        this.wordCount = wordCount;
        this.evidence = evidence;
        this.specifics = specifics;
        this.vague = vague;
    }

    static TextProfile of(String text) {
        Scanner s = new Scanner(Integer.highestOneBit(text.length() / 6 + 8) * 2);
        int n = text.length();
        char previous = ' ';
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            char lower;
            if (c < 128) {
                if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
                    lower = c;
                } else if (c >= 'A' && c <= 'Z') {
                    lower = (char) (c | 0x20);
                } else {
                    s.end();
                    if (c == '[' && i + 1 < n && isDigit(text.charAt(i + 1))) {
                        s.evidence++;
                    } else if (c == '%' && isDigit(previous)) {
                        s.evidence++;
                    } else if (c == '!') {
                        s.vague++;
                    }
                    previous = c;
                    continue;
                }
            } else if (Character.isLetterOrDigit(c)) {
                lower = Character.toLowerCase(c);
            } else {
                s.end();
                previous = c;
                continue;
            }
            s.add(lower);
            previous = c;
        }
        s.end();
        return new TextProfile(s.table, s.distinct, s.wordCount, s.evidence, s.specifics, s.vague);
    }

    /**
     * 0.45 x evidence (two markers count fully) + 0.35 x specificity (a word with a digit per
     * twelve words counts fully) + 0.20 x (1 - vagueness, where a vague word per ten words is
     * fully vague).
     */
    double quality() {
        double evidenceScore = Math.min(1, evidence / 2.0);
        double specificity = Math.min(1, specifics * 12.0 / Math.max(12, wordCount));
        double vagueness = Math.min(1, vague * 10.0 / Math.max(10, wordCount));
        return 0.45 * evidenceScore + 0.35 * specificity + 0.20 * (1 - vagueness);
    }

    /** Jaccard similarity of the distinct words: |A and B| / |A or B|, 1 for two empty texts. */
    double similarity(TextProfile other) {
        if (distinct == 0 && other.distinct == 0) {
            return 1;
        }
        TextProfile small = distinct <= other.distinct ? this : other;
        TextProfile large = small == this ? other : this;
        int common = 0;
        for (int w : small.words) {
            if (w != 0 && large.contains(w)) {
                common++;
            }
        }
        return (double) common / (distinct + other.distinct - common);
    }

    int distinctWords() {
        return distinct;
    }

    private boolean contains(int word) {
        int[] table = words;
        int mask = table.length - 1;
        for (int i = slot(word, mask);; i = (i + 1) & mask) {
            int k = table[i];
            if (k == word) {
                return true;
            }
            if (k == 0) {
                return false;
            }
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int slot(long key, int mask) {
        return (int) ((key * PAIR) >>> 40) & mask;
    }

    private static int slot(int word, int mask) {
        return (word * 0x9E3779B9 >>> 16) & mask;
    }

    private static long word(String w) {
        long h = FNV_OFFSET;
        for (int i = 0; i < w.length(); i++) {
            h = (h ^ w.charAt(i)) * FNV_PRIME;
        }
        return h;
    }

    private static void entry(String phrase, int kind) {
        String[] parts = phrase.split(" ");
        long first = word(parts[0]);
        if (parts.length == 1) {
            file(first, kind);
            return;
        }
        file(first, STARTS_PAIR);
        long pair = first * PAIR ^ word(parts[1]);
        if (parts.length == 2) {
            file(pair, kind);
            return;
        }
        file(pair, STARTS_TRIPLE);
        file(pair * PAIR ^ word(parts[2]), kind);
    }

    /** Adds flags to a lexicon entry, creating it if need be. */
    private static void file(long key, int flags) {
        int mask = LEXICON_KEYS.length - 1;
        int i = slot(key, mask);
        while (LEXICON_KEYS[i] != 0 && LEXICON_KEYS[i] != key) {
            i = (i + 1) & mask;
        }
        if ((LEXICON_FLAGS[i] & KIND) != 0 && (flags & KIND) != 0 && (LEXICON_FLAGS[i] & KIND) != (flags & KIND)) {
            throw new IllegalStateException("a lexicon entry has two meanings");
        }
        LEXICON_KEYS[i] = key;
        LEXICON_FLAGS[i] |= (byte) flags;
    }

    private static int lookup(long key) {
        int mask = LEXICON_KEYS.length - 1;
        for (int i = slot(key, mask);; i = (i + 1) & mask) {
            long k = LEXICON_KEYS[i];
            if (k == key) {
                return LEXICON_FLAGS[i];
            }
            if (k == 0) {
                return 0;
            }
        }
    }

    /** Word-by-word state of one pass: counts the signals and collects the distinct words. */
    private static final class Scanner {
        int[] table;
        int distinct;
        int wordCount;
        int evidence;
        int specifics;
        int vague;
        long hash = FNV_OFFSET;
        int length;
        boolean digit;
        boolean afterNumber;
        /** The previous word's hash, and its lexicon flags when it began a phrase. */
        long last;
        int lastFlags;
        /** The previous two words' hash, and its flags when they began a phrase of three. */
        long lastPair;
        int lastPairFlags;

        Scanner(int capacity) {
            table = new int[Math.max(16, capacity)];
        }

        void add(char lower) {
            hash = (hash ^ lower) * FNV_PRIME;
            length++;
            digit |= lower >= '0' && lower <= '9';
        }

        void end() {
            if (length == 0) {
                return;
            }
            long h = hash;
            wordCount++;
            int folded = (int) (h ^ h >>> 32);
            remember(folded == 0 ? 1 : folded);
            int flags = 0;
            int pairFlags = 0;
            long pair = 0;
            if (digit) {
                specifics++;
                afterNumber = true;
            } else {
                flags = lookup(h);
                int kind = flags & KIND;
                if (kind == UNIT) {
                    if (afterNumber) {
                        evidence++;
                    }
                } else {
                    count(kind);
                }
                if ((lastFlags & STARTS_PAIR) != 0) {
                    pair = last * PAIR ^ h;
                    pairFlags = lookup(pair);
                    count(pairFlags & KIND);
                }
                if ((lastPairFlags & STARTS_TRIPLE) != 0) {
                    count(lookup(lastPair * PAIR ^ h) & KIND);
                }
                afterNumber = false;
            }
            last = h;
            lastFlags = flags;
            lastPair = pair;
            lastPairFlags = pairFlags;
            hash = FNV_OFFSET;
            length = 0;
            digit = false;
        }

        private void count(int kind) {
            if (kind == EVIDENCE) {
                evidence++;
            } else if (kind == VAGUE) {
                vague++;
            }
        }

        /** Adds a word to the set, doubling the table past three quarters full. */
        private void remember(int word) {
            int mask = table.length - 1;
            int i = slot(word, mask);
            int k;
            while ((k = table[i]) != 0) {
                if (k == word) {
                    return;
                }
                i = (i + 1) & mask;
            }
            table[i] = word;
            if (++distinct * 4 > table.length * 3) {
                int[] old = table;
                table = new int[old.length * 2];
                int m = table.length - 1;
                for (int w : old) {
                    if (w != 0) {
                        int j = slot(w, m);
                        while (table[j] != 0) {
                            j = (j + 1) & m;
                        }
                        table[j] = w;
                    }
                }
            }
        }
    }
}
