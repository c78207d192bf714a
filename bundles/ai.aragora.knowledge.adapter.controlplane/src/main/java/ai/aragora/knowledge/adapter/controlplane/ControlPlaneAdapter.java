package ai.aragora.knowledge.adapter.controlplane;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;

import ai.aragora.api.debate.DebateResult;
import ai.aragora.api.debate.Participant;
import ai.aragora.api.knowledge.DebateAdapter;
import ai.aragora.api.knowledge.DebateKnowledge;
import ai.aragora.api.knowledge.KnowledgeAdapter;
import ai.aragora.api.knowledge.KnowledgeMound;
import ai.aragora.api.knowledge.KnowledgeNode;
import ai.aragora.api.knowledge.KnowledgeQuery;
import ai.aragora.api.knowledge.Learned;
import ai.aragora.api.knowledge.NewNode;
import ai.aragora.api.knowledge.NodeKind;
import ai.aragora.api.knowledge.Provenance;
import ai.aragora.api.knowledge.ScoredNode;
import ai.aragora.api.knowledge.SearchResult;
import ai.aragora.api.knowledge.Tier;
import ai.aragora.api.receipt.Receipt;
import io.prometheus.client.Collector;
import io.prometheus.client.Counter;

/**
 * The control plane's view of debates as tasks, their type being the debate's domain. Forward:
 * one task-outcome insight per decided debate, shared to the configured workspaces when the
 * debate's confidence is at least {@code share.min.confidence} (0.6); and per participant a
 * capability node ("X can take on D tasks"), for the winner a recommendation node, one per
 * agent and task type that further debates strengthen. Reverse: {@link #reverse} answers
 * {@code recommendations}, the agents for a task type, best first.
 */
@Component(service = KnowledgeAdapter.class)
@Designate(ocd = ControlPlaneConfig.class)
public class ControlPlaneAdapter extends DebateAdapter {

    static final String NAME = "control_plane";

    final Counter outcomes = Counter.build().name("aragora_km_cp_task_outcomes_total")
            .help("Task outcomes the control-plane adapter recorded, by outcome").labelNames("outcome").create();
    final Counter shares = Counter.build().name("aragora_km_cp_cross_workspace_shares_total")
            .help("Task outcomes shared to another workspace").create();
    private final Set<String> targets;
    private final double minConfidence;
    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();

    @Activate
    public ControlPlaneAdapter(BundleContext context, ControlPlaneConfig config) {
        this(config.share_workspaces(), config.share_min_confidence());
        for (Collector c : new Collector[] {outcomes, shares}) {
            registrations.add(context.registerService(Collector.class, c, null));
        }
    }

    ControlPlaneAdapter(String[] targets, double minConfidence) {
        super(NAME, NodeKind.INSIGHT, NodeKind.RANKING);
        this.targets = new LinkedHashSet<>();
        for (String t : targets) {
            if (!t.isBlank()) {
                this.targets.add(t.trim());
            }
        }
        this.minConfidence = minConfidence;
    }

    @Deactivate
    void deactivate() {
        registrations.forEach(ServiceRegistration::unregister);
    }

    @Override
    public Learned forward(DebateResult r, Optional<Receipt> receipt) {
        if (r.verdict() == null || r.winner() == null) {
            return Learned.NOTHING;
        }
        String type = DebateKnowledge.domain(r.spec());
        String outcome = r.verdict().wire();
        List<NewNode> nodes = new ArrayList<>();
        NewNode result = node(r, NodeKind.INSIGHT, String.format(Locale.ROOT,
                "Task outcome (%s): \"%s\" ended %s with confidence %.2f after %d rounds; %s's proposal was decided, with %s",
                type, r.spec().task().strip(), outcome.replace('_', ' '), r.confidence(), r.roundsUsed(), r.winner(),
                String.join(", ", r.participants().stream().map(Participant::agent).toList())), r.confidence(),
                Map.of("task_type", type, "outcome", outcome, "winner", r.winner()));
        nodes.add(result);
        outcomes.labels(outcome).inc();
        if (r.confidence() >= minConfidence) {
            for (String target : targets) {
                if (!target.equals(result.workspaceId())) {
                    Map<String, String> m = new LinkedHashMap<>(result.metadata());
                    m.put("shared_from", result.workspaceId());
                    nodes.add(new NewNode(result.orgId(), target, result.kind(), result.content(), result.confidence(), m, result.provenance()));
                    shares.inc();
                }
            }
        }
        for (Participant p : r.participants()) {
            boolean won = p.agent().equals(r.winner());
            nodes.add(node(r, NodeKind.RANKING, String.format(Locale.ROOT, "%s (%s) %s %s tasks", p.agent(),
                    p.model() == null ? "model undisclosed" : p.model(), won ? "is recommended for" : "can take on", type),
                    won ? r.confidence() : 0.5, Map.of("agent", p.agent(), "task_type", type, "capability", won ? "recommended" : "capable")));
        }
        return new Learned(nodes, List.of());
    }

    /**
     * Recommendations: the agents for the task type {@code question} names, best first (a
     * recommendation before a mere capability, then by how many debates back it, then by match).
     */
    @Override
    public SearchResult reverse(KnowledgeMound mound, String orgId, String question, int limit) {
        SearchResult found = mound.search(new KnowledgeQuery(orgId, null, question, Math.min(KnowledgeQuery.MAX_LIMIT, limit * 4), 0,
                Set.of(NodeKind.RANKING), Tier.GLACIAL));
        List<ScoredNode> ours = found.hits().stream().filter(h -> isOurs(h.node()))
                .sorted(Comparator.comparing((ScoredNode h) -> !"recommended".equals(h.node().metadata().get("capability")))
                        .thenComparing(h -> -h.node().strength()).thenComparing(h -> -h.score()))
                .limit(limit).toList();
        return new SearchResult(ours, found.semantic());
    }

    private static boolean isOurs(KnowledgeNode n) {
        return n.metadata().containsKey("capability") && n.provenance().stream().map(Provenance::adapter).anyMatch(NAME::equals);
    }
}
