package ai.aragora.knowledge.adapter.pulse;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.osgi.service.component.annotations.Component;

import ai.aragora.api.debate.DebateResult;
import ai.aragora.api.knowledge.DebateAdapter;
import ai.aragora.api.knowledge.DebateKnowledge;
import ai.aragora.api.knowledge.DebateSchedule;
import ai.aragora.api.knowledge.KnowledgeAdapter;
import ai.aragora.api.knowledge.KnowledgeMound;
import ai.aragora.api.knowledge.KnowledgeQuery;
import ai.aragora.api.knowledge.Learned;
import ai.aragora.api.knowledge.NewNode;
import ai.aragora.api.knowledge.NodeKind;
import ai.aragora.api.knowledge.ScoredNode;
import ai.aragora.api.knowledge.SearchResult;
import ai.aragora.api.knowledge.Tier;
import ai.aragora.api.receipt.Receipt;

/**
 * Trending topics. A debate's topics are its spec metadata {@code topics} (comma-separated, as a
 * node's topics) or, without them, its domain when it names one. Each decided debate states, per
 * topic, that the topic was debated on its day and in its ISO week: alike sentences are one node
 * per workspace, so a window node's {@code strength} counts the topic's debates in that window.
 * It also lists the debate under each topic. Windows are named in ISO basic form ({@code 20261206},
 * {@code 2026W49}), one word for full-text search. Reverse: {@code day} or {@code week} (optionally
 * with a period, {@code week 2026W49}) answers the window's topics, most debated first; anything
 * else is searched among the debates held on a topic; a debate {@link PulseScheduler} started names
 * its schedule in its node's metadata. Trend nodes are bookkeeping and never given to a debate.
 */
@Component(service = KnowledgeAdapter.class)
public class PulseAdapter extends DebateAdapter {

    static final String NAME = "pulse";
    static final String TOPICS = "topics";
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;
    /** A window's topics found in one search at most: its trending list is their top. */
    private static final int WINDOW_CANDIDATES = KnowledgeQuery.MAX_LIMIT;
    private static final int MAX_TOPICS = 8;

    private final Clock clock;

    public PulseAdapter() {
        this(Clock.systemUTC());
    }

    PulseAdapter(Clock clock) {
        super(NAME, NodeKind.TREND);
        this.clock = clock;
    }

    @Override
    public Learned forward(DebateResult r, Optional<Receipt> receipt) {
        Set<String> topics = topics(r);
        if (r.verdict() == null || topics.isEmpty()) {
            return Learned.NOTHING;
        }
        Instant at = r.completedAt() != null ? r.completedAt() : r.createdAt();
        String day = day(at);
        String week = week(at);
        String schedule = r.spec().metadata().get(PulseScheduler.SCHEDULE);
        List<NewNode> nodes = new ArrayList<>();
        for (String topic : topics) {
            nodes.add(node(r, NodeKind.TREND, "Day " + day + ": topic " + topic + " debated", 1,
                    Map.of("pulse", "window", "window", "day", "period", day, "topic", topic)));
            nodes.add(node(r, NodeKind.TREND, "Week " + week + ": topic " + topic + " debated", 1,
                    Map.of("pulse", "window", "window", "week", "period", week, "topic", topic)));
            // The day in extended form here: a window's search finds its window nodes, not every debate of it.
            Map<String, String> debate = new LinkedHashMap<>(Map.of("pulse", "debate", "topic", topic, "period", day,
                    "verdict", r.verdict().wire()));
            if (schedule != null) {
                debate.put("schedule", schedule);
            }
            nodes.add(node(r, NodeKind.TREND, "Debated on topic " + topic + " (" + at.atZone(ZoneOffset.UTC).toLocalDate() + "): "
                    + r.spec().task().strip()
                    + " (" + r.verdict().wire().replace('_', ' ') + ")", r.confidence(), debate));
        }
        return learned(nodes);
    }

    @Override
    public SearchResult reverse(KnowledgeMound mound, String orgId, String question, int limit) {
        String[] words = question.strip().toLowerCase(Locale.ROOT).split("\\s+");
        if (words.length <= 2 && (words[0].equals("day") || words[0].equals("week"))) {
            String window = words[0];
            Instant now = clock.instant();
            String period = words.length == 2 ? words[1].toUpperCase(Locale.ROOT) : window.equals("day") ? day(now) : week(now);
            SearchResult found = mound.search(new KnowledgeQuery(orgId, null, period, WINDOW_CANDIDATES, 0, kinds(), Tier.GLACIAL));
            List<ScoredNode> trending = found.hits().stream()
                    .filter(h -> window.equals(h.node().metadata().get("window")) && period.equals(h.node().metadata().get("period")))
                    .sorted(Comparator.comparingInt((ScoredNode h) -> h.node().strength()).reversed()
                            .thenComparing(h -> h.node().metadata().get("topic")))
                    .limit(limit).toList();
            return new SearchResult(trending, found.semantic());
        }
        SearchResult found = mound.search(new KnowledgeQuery(orgId, null, question, limit, 0, kinds(), Tier.GLACIAL));
        return new SearchResult(found.hits().stream().filter(h -> "debate".equals(h.node().metadata().get("pulse"))).toList(),
                found.semantic());
    }

    /** The spec's {@code topics}, else its domain unless it is the general one; lower case, at most {@value #MAX_TOPICS}. */
    static Set<String> topics(DebateResult r) {
        Set<String> out = new LinkedHashSet<>();
        String named = r.spec().metadata().get(TOPICS);
        if (named != null) {
            for (String t : named.split(",")) {
                String topic = DebateSchedule.canonicalTopic(t);
                if (!topic.isEmpty() && topic.length() <= NewNode.MAX_NAME && out.size() < MAX_TOPICS) {
                    out.add(topic);
                }
            }
        }
        String domain = DebateKnowledge.domain(r.spec());
        if (out.isEmpty() && !domain.equals(DebateKnowledge.GENERAL)) {
            out.add(DebateSchedule.canonicalTopic(domain));
        }
        return out;
    }

    static String day(Instant at) {
        return DAY.format(at.atZone(ZoneOffset.UTC).toLocalDate());
    }

    static String week(Instant at) {
        LocalDate d = at.atZone(ZoneOffset.UTC).toLocalDate();
        return String.format(Locale.ROOT, "%dW%02d", d.get(IsoFields.WEEK_BASED_YEAR), d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }
}
