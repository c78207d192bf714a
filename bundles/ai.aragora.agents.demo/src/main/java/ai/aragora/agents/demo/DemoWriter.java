package ai.aragora.agents.demo;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import ai.aragora.api.agent.Critique;
import ai.aragora.api.agent.ProposalRequest;

/**
 * The demo agents' words: short texts assembled from fixed phrases, chosen by a seeded random so
 * that one seed always gives one debate. Plain ASCII, a few hundred characters each.
 */
final class DemoWriter {

    static final String[] EVIDENCE = {
        "A 14-day pilot on 5% of traffic gives a measurable signal before any wider change [1].",
        "Teams that made a similar change reported 30% fewer incidents within 2 quarters (source: 2024 postmortem review).",
        "The cost model puts the effort at 6 engineer-weeks with payback in about 4 months [2].",
        "For example, a rollback that restores the previous state within 15 minutes caps the downside.",
        "Load tests at 2,000 requests per second kept p99 latency under 180 ms [3].",
        "According to the 2023 user survey, 68% of users hit this problem at least weekly.",
        "Error budgets allow 0.1% failed requests per month; this change spends at most a tenth of that [4].",
        "Three comparable services adopted it in 2025 and none rolled it back (source: platform review).",
    };

    static final String[] ISSUES = {
        "no rollback path is defined",
        "success metrics are not named",
        "the cost estimate has no range",
        "the pilot is too small to be conclusive",
        "risks to existing users are not addressed",
        "the timeline ignores dependencies",
        "ownership after launch is unclear",
    };

    static final String[] SUGGESTIONS = {
        "add a rollback that completes within 15 minutes",
        "name 2 success metrics and their targets",
        "give the cost as a range with a 20% margin",
        "extend the pilot to 10% of traffic",
        "keep the old path available for 30 days",
        "assign an owner for the first 90 days",
    };

    static final String NO_EVIDENCE = "it cites no evidence, data or example";
    static final String ADD_EVIDENCE = "back each claim with a source or a measurement";

    private static final String ROUND_MARK = " | Round ";
    private static final int TOPIC_LENGTH = 90;

    private DemoWriter() {
    }

    /** The task as a short clause: at most 90 characters, cut at a word, without a closing question mark. */
    static String topic(String task) {
        String t = task.strip();
        if (t.length() > TOPIC_LENGTH) {
            int cut = t.lastIndexOf(' ', TOPIC_LENGTH);
            t = t.substring(0, cut > 20 ? cut : TOPIC_LENGTH);
        }
        int end = t.length();
        while (end > 0 && (t.charAt(end - 1) == '?' || t.charAt(end - 1) == '.' || t.charAt(end - 1) == '!')) {
            end--;
        }
        return t.substring(0, end).replace('\n', ' ');
    }

    static String proposal(DemoStyle style, String topic, SeededRandom random) {
        StringBuilder text = new StringBuilder(360);
        text.append(random.pick(style.stances));
        if (style == DemoStyle.HOLLOW) {
            return text.append("! ").append(topic).append(": obviously great. Everyone agrees it is the best approach, trust me. ")
                    .append(style.plan).toString();
        }
        int first = random.below(EVIDENCE.length);
        int second = (first + 1 + random.below(EVIDENCE.length - 1)) % EVIDENCE.length;
        return text.append(": ").append(topic).append(". ").append(EVIDENCE[first]).append(' ').append(EVIDENCE[second])
                .append(' ').append(style.plan).toString();
    }

    /** The previous proposal, its last round's note replaced by a response to the strongest critique. */
    static String revision(DemoStyle style, String topic, ProposalRequest request, SeededRandom random) {
        String previous = request.previous();
        if (previous == null) {
            return proposal(style, topic, random);
        }
        int mark = previous.indexOf(ROUND_MARK);
        String base = mark >= 0 ? previous.substring(0, mark) : previous;
        if (style == DemoStyle.CONTRARIAN && random.below(2) == 0) {
            base = proposal(style, topic, random);
        }
        StringBuilder text = new StringBuilder(base.length() + 96 + (request.challenges().isEmpty() ? 0 : 120))
                .append(base).append(ROUND_MARK)
                .append(request.turn().round()).append(": ");
        if (style == DemoStyle.HOLLOW) {
            return text.append("still obviously right, everyone agrees!").toString();
        }
        Critique strongest = strongest(request.critiques());
        if (strongest == null) {
            text.append("no objections were raised; the plan stands.");
        } else {
            text.append("took up ").append(strongest.agent()).append("'s point and will ")
                    .append(strongest.suggestions().isEmpty() ? "address it" : strongest.suggestions().get(0)).append('.');
        }
        if (!request.challenges().isEmpty()) {
            text.append(' ').append(EVIDENCE[random.below(EVIDENCE.length)]);
        }
        return text.toString();
    }

    static String[] issues(DemoStyle style, boolean substantiated, SeededRandom random) {
        if (style == DemoStyle.HOLLOW) {
            return new String[0];
        }
        if (!substantiated) {
            return new String[] {NO_EVIDENCE};
        }
        int count = style == DemoStyle.SUPPORTIVE ? 1 : 1 + random.below(2);
        int first = random.below(ISSUES.length);
        return count == 1 ? new String[] {ISSUES[first]}
                : new String[] {ISSUES[first], ISSUES[(first + 1 + random.below(ISSUES.length - 1)) % ISSUES.length]};
    }

    static String suggestion(boolean substantiated, SeededRandom random) {
        return substantiated ? random.pick(SUGGESTIONS) : ADD_EVIDENCE;
    }

    static String critiqueReasoning(DemoStyle style, String target, boolean substantiated) {
        return switch (style) {
            case HOLLOW -> "Great point from " + target + "! Totally agree!";
            case SUPPORTIVE -> target + "'s plan is sound" + (substantiated ? "; one gap to close." : " in spirit but unsupported.");
            case CRITICAL -> target + "'s plan " + (substantiated ? "is not safe to ship as written." : "is an opinion, not a plan.");
            case BALANCED -> target + "'s plan " + (substantiated ? "has merit and a clear gap." : "needs evidence before it can be weighed.");
            case CONTRARIAN -> target + "'s plan follows the crowd" + (substantiated ? "." : " without a single fact.");
        };
    }

    /** 0 to 1: how much checkable substance a proposal carries (references, sources, percentages, numbers). */
    static double substance(String text) {
        int references = 0;
        int percents = 0;
        int numbers = 0;
        boolean inNumber = false;
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            boolean digit = c >= '0' && c <= '9';
            if (digit && !inNumber) {
                numbers++;
            }
            inNumber = digit;
            switch (c) {
                case '[' -> references++;
                case '%' -> percents++;
                case '(' -> references += text.startsWith("source", i + 1) ? 1 : 0;
                case 'A', 'a' -> references += text.startsWith("ccording to", i + 1) ? 1 : 0;
                case 'F', 'f' -> references += text.startsWith("or example", i + 1) ? 1 : 0;
                default -> {
                }
            }
        }
        return Math.min(1.0, (references * 2 + percents + numbers / 3.0) / 8.0);
    }

    /** Substance from which a critic treats a proposal as backed by evidence. */
    static final double SUBSTANTIATED = 0.25;

    /** The candidates in name order: a vote never depends on how a map happens to iterate. */
    static String[] candidates(Map<String, String> proposals) {
        String[] names = proposals.keySet().toArray(new String[0]);
        Arrays.sort(names);
        return names;
    }

    static Critique strongest(List<Critique> critiques) {
        Critique best = null;
        for (Critique c : critiques) {
            if (best == null || c.severity() > best.severity()
                    || c.severity() == best.severity() && c.agent().compareTo(best.agent()) < 0) {
                best = c;
            }
        }
        return best;
    }
}
