package ai.aragora.debate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ai.aragora.api.agent.Usage;
import ai.aragora.api.debate.AgentUsage;
import ai.aragora.api.debate.UsageTotals;

/** The tokens and cost of a debate's agent calls, summed as the answers are read, overall and per agent and model. */
final class UsageMeter {

    private long inputTokens;
    private long outputTokens;
    private double costUsd;
    private final Map<List<String>, long[]> calls = new LinkedHashMap<>();
    private final Map<List<String>, Double> costs = new LinkedHashMap<>();

    /** Counts an answer's usage; the model it names is the one the seat answers with from now on. */
    synchronized void add(Seat s, Usage u) {
        if (u == null) {
            return;
        }
        inputTokens += u.inputTokens();
        outputTokens += u.outputTokens();
        if (u.costUsd() != null) {
            costUsd += u.costUsd();
        }
        if (u.model() != null) {
            s.model = u.model();
        }
        String model = s.model != null ? s.model : s.info == null ? null : s.info.model();
        List<String> key = Arrays.asList(s.name, model);
        long[] n = calls.computeIfAbsent(key, k -> new long[3]);
        n[0]++;
        n[1] += u.inputTokens();
        n[2] += u.outputTokens();
        costs.merge(key, u.costUsd() == null ? 0.0 : u.costUsd(), Double::sum);
    }

    /** Counts what a debate's calls cost before it was resumed here, as its last owner stored it. */
    synchronized void carry(UsageTotals spent) {
        inputTokens += spent.inputTokens();
        outputTokens += spent.outputTokens();
        costUsd += spent.costUsd();
        for (AgentUsage a : spent.byAgent()) {
            List<String> key = Arrays.asList(a.agent(), a.model());
            long[] n = calls.computeIfAbsent(key, k -> new long[3]);
            n[0] += a.calls();
            n[1] += a.inputTokens();
            n[2] += a.outputTokens();
            costs.merge(key, a.costUsd(), Double::sum);
        }
    }

    synchronized UsageTotals totals() {
        List<AgentUsage> byAgent = new ArrayList<>();
        calls.forEach((key, n) -> byAgent.add(new AgentUsage(key.get(0), key.get(1), n[0], n[1], n[2], costs.get(key))));
        // by name, not by which answer came first, so equal debates have equal results
        byAgent.sort(Comparator.comparing(AgentUsage::agent)
                .thenComparing(AgentUsage::model, Comparator.nullsFirst(Comparator.naturalOrder())));
        return new UsageTotals(inputTokens, outputTokens, costUsd, byAgent);
    }
}
