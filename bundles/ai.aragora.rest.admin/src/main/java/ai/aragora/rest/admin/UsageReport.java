package ai.aragora.rest.admin;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import ai.aragora.api.storage.UsageRow;

/**
 * Sums stored usage rows into rows of (day, agent, model), with totals by agent, by model and
 * overall. The whole-debate rows make the overall totals, so every finished debate counts once;
 * usage stored before it was split by agent shows under {@link UsageRow#UNATTRIBUTED}.
 */
final class UsageReport {

    static final String UNATTRIBUTED = UsageRow.UNATTRIBUTED;

    private record Key(LocalDate day, String agent, String model) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = day.compareTo(o.day);
            if (c == 0) {
                c = agent.compareTo(o.agent);
            }
            return c != 0 ? c : Objects.toString(model, "").compareTo(Objects.toString(o.model, ""));
        }
    }

    private static final class Sum {
        long debates;
        long calls;
        long inputTokens;
        long outputTokens;
        double costUsd;

        void add(UsageRow r) {
            debates += r.debates();
            calls += r.calls();
            inputTokens += r.inputTokens();
            outputTokens += r.outputTokens();
            costUsd += r.costUsd();
        }

        Map<String, Object> wire() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("calls", calls);
            m.put("input_tokens", inputTokens);
            m.put("output_tokens", outputTokens);
            m.put("total_tokens", inputTokens + outputTokens);
            m.put("cost_usd", Math.round(costUsd * 1e6) / 1e6);
            return m;
        }
    }

    private final Map<Key, Sum> rows = new TreeMap<>();
    private final Map<String, Sum> byAgent = new TreeMap<>();
    private final Map<String, Sum> byModel = new TreeMap<>();
    private final Sum total = new Sum();

    /** Counts one stored row: a whole-debate row into the totals, an agent's into the rest. */
    void add(UsageRow r) {
        if (r.wholeDebate()) {
            total.add(r);
            return;
        }
        rows.computeIfAbsent(new Key(r.day(), r.agent(), r.model()), k -> new Sum()).add(r);
        byAgent.computeIfAbsent(r.agent(), k -> new Sum()).add(r);
        byModel.computeIfAbsent(Objects.toString(r.model(), "unknown"), k -> new Sum()).add(r);
    }

    Map<String, Object> wire() {
        List<Map<String, Object>> out = new ArrayList<>();
        rows.forEach((k, s) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("day", k.day().toString());
            row.put("agent", k.agent());
            row.put("model", k.model());
            row.putAll(s.wire());
            out.add(row);
        });
        Map<String, Object> totals = total.wire();
        totals.put("debates", total.debates);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("usage", out);
        doc.put("by_agent", named(byAgent));
        doc.put("by_model", named(byModel));
        doc.put("totals", totals);
        return doc;
    }

    private static Map<String, Object> named(Map<String, Sum> sums) {
        Map<String, Object> m = new LinkedHashMap<>();
        sums.forEach((name, s) -> m.put(name, s.wire()));
        return m;
    }
}
