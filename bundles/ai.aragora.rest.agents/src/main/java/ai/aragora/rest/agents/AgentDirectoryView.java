package ai.aragora.rest.agents;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import ai.aragora.api.agent.Agent;
import ai.aragora.api.agent.AgentInfo;
import ai.aragora.api.debate.DebateService;

/**
 * The agents registered at this moment, by name; the newest version wins when two share a name.
 * With an engine, only those it accepts: a hot-deployed agent's service reaches this view and the
 * engine one after the other, and a client that saw it listed must be able to start a debate with it.
 */
@Component(service = AgentDirectoryView.class)
public class AgentDirectoryView {

    private final Map<Agent, AgentInfo> agents = new ConcurrentHashMap<>();
    private volatile DebateService engine;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindEngine(DebateService debates) {
        engine = debates;
    }

    void unbindEngine(DebateService debates) {
        if (engine == debates) {
            engine = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addAgent(Agent agent) {
        agents.put(agent, agent.info());
    }

    void removeAgent(Agent agent) {
        agents.remove(agent);
    }

    /** Sorted by name. */
    List<AgentInfo> current() {
        DebateService e = engine;
        Map<String, AgentInfo> byName = new TreeMap<>();
        for (AgentInfo info : agents.values()) {
            if (e == null || e.accepts(info.name())) {
                byName.merge(info.name(), info, (a, b) -> newer(a, b));
            }
        }
        return List.copyOf(byName.values());
    }

    static AgentInfo newer(AgentInfo a, AgentInfo b) {
        return Comparator.comparing(AgentInfo::version, AgentDirectoryView::compareVersions).compare(a, b) >= 0 ? a : b;
    }

    /** Dotted versions compared number by number, anything else as text. */
    static int compareVersions(String a, String b) {
        String[] x = a.split("[.-]");
        String[] y = b.split("[.-]");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            String p = i < x.length ? x[i] : "0";
            String q = i < y.length ? y[i] : "0";
            int c = p.matches("\\d{1,9}") && q.matches("\\d{1,9}") ? Integer.compare(Integer.parseInt(p), Integer.parseInt(q)) : p.compareTo(q);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    static Map<String, Object> describe(AgentInfo info) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("name", info.name());
        view.put("provider", info.provider());
        view.put("model", info.model());
        view.put("model_family", info.modelFamily());
        view.put("version", info.version());
        return view;
    }
}
