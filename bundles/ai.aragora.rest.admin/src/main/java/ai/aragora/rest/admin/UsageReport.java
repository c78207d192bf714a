package ai.aragora.rest.admin;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import ai.aragora.api.debate.AgentUsage;
import ai.aragora.api.debate.UsageTotals;

/**
 * Sums the agents' own accounting of finished debates into rows of (day, agent, model), with
 * totals by agent, by model and overall. A debate stored before its usage was split by agent
 * still counts, under {@link #UNATTRIBUTED}, so the overall totals always match the debates.
 */
final class UsageReport {

    static final String UNATTRIBUTED = "(not split by agent)";

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

        void add(long c, long in, long out, double cost) {
            calls += c;
            inputTokens += in;
            outputTokens += out;
            costUsd += cost;
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

    /** Counts one finished debate's usage on the UTC day it completed. */
    void add(Instant completedAt, UsageTotals usage) {
        LocalDate day = LocalDate.ofInstant(completedAt, ZoneOffset.UTC);
        total.debates++;
        List<AgentUsage> split = usage.byAgent();
        if (split.isEmpty()) {
            if (usage.inputTokens() + usage.outputTokens() > 0 || usage.costUsd() > 0) {
                count(new Key(day, UNATTRIBUTED, null), 0, usage.inputTokens(), usage.outputTokens(), usage.costUsd());
            }
            return;
        }
        for (AgentUsage a : split) {
            count(new Key(day, a.agent(), a.model()), a.calls(), a.inputTokens(), a.outputTokens(), a.costUsd());
        }
    }

    private void count(Key key, long calls, long in, long out, double cost) {
        rows.computeIfAbsent(key, k -> new Sum()).add(calls, in, out, cost);
        byAgent.computeIfAbsent(key.agent(), k -> new Sum()).add(calls, in, out, cost);
        byModel.computeIfAbsent(Objects.toString(key.model(), "unknown"), k -> new Sum()).add(calls, in, out, cost);
        total.add(calls, in, out, cost);
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
