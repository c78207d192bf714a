package ai.aragora.knowledge.adapter.cost;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ai.aragora.api.agent.Critique;
import ai.aragora.api.agent.Usage;
import ai.aragora.api.agent.Vote;
import ai.aragora.api.debate.DebateResult;
import ai.aragora.api.knowledge.DebateAdapter;
import ai.aragora.api.knowledge.DebateKnowledge;
import ai.aragora.api.knowledge.KnowledgeAdapter;
import ai.aragora.api.knowledge.KnowledgeMound;
import ai.aragora.api.knowledge.KnowledgeNode;
import ai.aragora.api.knowledge.Learned;
import ai.aragora.api.knowledge.NewNode;
import ai.aragora.api.knowledge.NodeKind;
import ai.aragora.api.receipt.Receipt;
import ai.aragora.api.storage.Page;

/**
 * What each debate cost: one cost node per debate (naming it, so that two alike stay two) with its
 * tokens and US$ (the debate's totals)
 * and, per agent, what its votes and critiques cost (the result itemises those calls; proposals
 * are in the totals only). When an org's monthly budget is configured, the debate that takes the
 * month's spend to it or past it adds one budget alert node for the month and logs a warning.
 * The month's spend is read from the cost nodes already in the mound, so an alert is raised once,
 * whatever is replayed after a crash.
 */
@Component(service = KnowledgeAdapter.class, configurationPid = CostConfig.PID)
@Designate(ocd = CostConfig.class)
public class CostAdapter extends DebateAdapter {

    static final String NAME = "cost";
    private static final int PAGE = 500;
    private static final Logger LOG = LoggerFactory.getLogger(CostAdapter.class);

    private final KnowledgeMound mound;
    private final Map<String, Double> budgets;

    @Activate
    public CostAdapter(@Reference KnowledgeMound mound, CostConfig config) {
        this(mound, budgets(config.budgets()));
    }

    CostAdapter(KnowledgeMound mound, Map<String, Double> budgets) {
        super(NAME, NodeKind.COST);
        this.mound = mound;
        this.budgets = Map.copyOf(budgets);
    }

    /** {@code org=amount} entries; a malformed one is named in the log and left out. */
    static Map<String, Double> budgets(String[] entries) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String e : entries) {
            int eq = e.lastIndexOf('=');
            try {
                double amount = Double.parseDouble(e.substring(eq + 1).trim());
                if (eq < 1 || !(amount >= 0) || Double.isInfinite(amount)) {
                    throw new NumberFormatException();
                }
                out.put(e.substring(0, eq).trim(), amount);
            } catch (NumberFormatException | StringIndexOutOfBoundsException ex) {
                LOG.warn("budget '{}' ignored: expected org=US$ such as acme=250", e);
            }
        }
        return out;
    }

    @Override
    public Learned forward(DebateResult r, Optional<Receipt> receipt) {
        long in = r.usage().inputTokens();
        long out = r.usage().outputTokens();
        double cost = r.usage().costUsd();
        if (in == 0 && out == 0 && cost == 0) {
            return Learned.NOTHING;
        }
        String org = r.spec().orgId();
        String task = r.spec().task().strip();
        Instant at = r.completedAt() != null ? r.completedAt() : r.createdAt();
        String month = YearMonth.from(at.atZone(ZoneOffset.UTC)).toString();
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("month", month);
        metadata.put("cost_usd", String.format(Locale.ROOT, "%.6f", cost));
        metadata.put("input_tokens", String.valueOf(in));
        metadata.put("output_tokens", String.valueOf(out));
        metadata.put("domain", DebateKnowledge.domain(r.spec()));
        metadata.put("agents", String.valueOf(r.participants().size()));
        metadata.put("rounds", String.valueOf(r.roundsUsed()));
        List<NewNode> nodes = new ArrayList<>();
        nodes.add(node(r, NodeKind.COST, String.format(Locale.ROOT,
                "Cost of debate %s on \"%s\" (%s, %d agents, %d rounds): %d input and %d output tokens, US$%.4f%s", r.id(), task,
                DebateKnowledge.domain(r.spec()), r.participants().size(), r.roundsUsed(), in, out, cost, byAgent(r)), 1, metadata));
        Double budget = budgets.get(org);
        if (budget != null) {
            double before = spent(org, month);
            if (before < budget && before + cost >= budget) {
                LOG.warn("org {} crossed its budget of US${} for {}: US${} spent", org, budget,
                        month, String.format(Locale.ROOT, "%.2f", before + cost));
                nodes.add(node(r, NodeKind.COST, String.format(Locale.ROOT,
                        "Budget alert: org %s has spent US$%.2f of its US$%.2f budget for %s; the debate on \"%s\" crossed it",
                        org, before + cost, budget, month, task), 1, Map.of("alert", "budget", "month", month,
                                "budget_usd", String.format(Locale.ROOT, "%.2f", budget),
                                "spent_usd", String.format(Locale.ROOT, "%.6f", before + cost))));
            }
        }
        return new Learned(nodes, List.of());
    }

    /** Votes' and critiques' cost per agent, the calls the result itemises; empty when none reported any. */
    private static String byAgent(DebateResult r) {
        Map<String, double[]> agents = new TreeMap<>();
        for (Vote v : r.votes()) {
            add(agents, v.agent(), v.usage());
        }
        for (Critique c : r.critiques()) {
            add(agents, c.agent(), c.usage());
        }
        agents.values().removeIf(a -> a[0] == 0);
        if (agents.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder("; votes and critiques by agent:");
        agents.forEach((agent, a) -> b.append(String.format(Locale.ROOT, " %s %.0f tokens US$%.4f,", agent, a[0], a[1])));
        return b.substring(0, b.length() - 1);
    }

    private static void add(Map<String, double[]> agents, String agent, Usage u) {
        double[] a = agents.computeIfAbsent(agent, k -> new double[2]);
        a[0] += u.inputTokens() + u.outputTokens();
        a[1] += u.costUsd() == null ? 0 : u.costUsd();
    }

    /** The org's spend in {@code month} so far: the sum over the debates' cost nodes of the month. */
    private double spent(String org, String month) {
        double total = 0;
        for (int offset = 0; ; offset += PAGE) {
            Page<KnowledgeNode> page = mound.nodes(org, null, NodeKind.COST, offset, PAGE);
            for (KnowledgeNode n : page.items()) {
                if (month.equals(n.metadata().get("month")) && !n.metadata().containsKey("alert")) {
                    total += Double.parseDouble(n.metadata().getOrDefault("cost_usd", "0"));
                }
            }
            if (page.items().size() < PAGE) {
                return total;
            }
        }
    }
}
