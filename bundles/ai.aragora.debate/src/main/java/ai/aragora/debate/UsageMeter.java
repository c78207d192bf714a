package ai.aragora.debate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import ai.aragora.api.agent.Usage;
import ai.aragora.api.debate.AgentUsage;
import ai.aragora.api.debate.UsageTotals;

/** The tokens and cost of a debate's agent calls, summed as the answers are read, overall and per agent and model. */
final class UsageMeter {

    private long inputTokens;
    private long outputTokens;
    private double costUsd;
    /** By agent and model, in the order they first answered. */
    private final Map<List<String>, Tally> tallies = new LinkedHashMap<>();
    /** Each seat's tally for the model it answers with now: the common case needs no key. */
    private final Map<Seat, Tally> current = new IdentityHashMap<>();

    private static final class Tally {
        final String agent;
        final String model;
        long calls;
        long inputTokens;
        long outputTokens;
        double costUsd;

        Tally(List<String> key) {
            this.agent = key.get(0);
            this.model = key.get(1);
        }
    }

    /** Counts an answer's usage; the model it names is the one the seat answers with from now on. */
    synchronized void add(Seat s, Usage u) {
        if (u == null) {
            return;
        }
        inputTokens += u.inputTokens();
        outputTokens += u.outputTokens();
        double cost = u.costUsd() == null ? 0.0 : u.costUsd();
        costUsd += cost;
        if (u.model() != null) {
            s.model = u.model();
        }
        String model = s.model != null ? s.model : s.info == null ? null : s.info.model();
        Tally t = current.get(s);
        if (t == null || !Objects.equals(t.model, model)) {
            t = tally(s.name, model);
            current.put(s, t);
        }
        t.calls++;
        t.inputTokens += u.inputTokens();
        t.outputTokens += u.outputTokens();
        t.costUsd += cost;
    }

    /** Counts what a debate's calls cost before it was resumed here, as its last owner stored it. */
    synchronized void carry(UsageTotals spent) {
        inputTokens += spent.inputTokens();
        outputTokens += spent.outputTokens();
        costUsd += spent.costUsd();
        for (AgentUsage a : spent.byAgent()) {
            Tally t = tally(a.agent(), a.model());
            t.calls += a.calls();
            t.inputTokens += a.inputTokens();
            t.outputTokens += a.outputTokens();
            t.costUsd += a.costUsd();
        }
    }

    private Tally tally(String agent, String model) {
        return tallies.computeIfAbsent(Arrays.asList(agent, model), Tally::new);
    }

    synchronized UsageTotals totals() {
        List<AgentUsage> byAgent = new ArrayList<>();
        for (Tally t : tallies.values()) {
            byAgent.add(new AgentUsage(t.agent, t.model, t.calls, t.inputTokens, t.outputTokens, t.costUsd));
        }
        // by name, not by which answer came first, so equal debates have equal results
        byAgent.sort(Comparator.comparing(AgentUsage::agent)
                .thenComparing(AgentUsage::model, Comparator.nullsFirst(Comparator.naturalOrder())));
        return new UsageTotals(inputTokens, outputTokens, costUsd, byAgent);
    }
}
