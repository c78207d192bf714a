package ai.aragora.agents.llm.internal;

import static ai.aragora.wire.HtmlText.escape;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import ai.aragora.api.agent.Agent;
import ai.aragora.api.resilience.Resilience;
import ai.aragora.wire.ConsoleForm;

import io.prometheus.client.Collector.MetricFamilySamples;

/**
 * The agents page of the Felix web console ({@code /system/console/aragora-agents}): every agent
 * with the bundle that provides it, its breaker, its calls and failures, and a form to reset a
 * breaker. The console authenticates; a form token guards the reset against cross-site requests.
 */
@Component(service = Servlet.class, property = {
        "felix.webconsole.label=" + AgentsConsolePlugin.LABEL,
        "felix.webconsole.title=Agents",
        "felix.webconsole.category=Aragora"})
public class AgentsConsolePlugin extends HttpServlet {

    static final String LABEL = "aragora-agents";
    private static final long serialVersionUID = 1L;

    private final transient AgentsHealthResource health;
    private final transient AgentCallMetrics metrics;
    private final transient Resilience resilience;
    private final transient Map<String, String> bundles = new ConcurrentHashMap<>();
    private final transient ConsoleForm form = new ConsoleForm(LABEL);

    @Activate
    public AgentsConsolePlugin(@Reference AgentsHealthResource health, @Reference AgentCallMetrics metrics,
            @Reference Resilience resilience) {
        this.health = health;
        this.metrics = metrics;
        this.resilience = resilience;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addAgent(Agent agent, ServiceReference<Agent> ref) {
        Bundle b = ref.getBundle();
        bundles.put(agent.info().name(), b == null ? "" : b.getSymbolicName() + " " + b.getVersion());
    }

    void removeAgent(Agent agent, ServiceReference<Agent> ref) {
        bundles.remove(agent.info().name());
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType(ConsoleForm.CONTENT_TYPE);
        PrintWriter out = response.getWriter();
        out.println(form.doneLine(request.getParameter("done")));
        Map<String, Object> report = health.health();
        out.println("<p class='statline'>Agents: " + escape(String.valueOf(report.get("status"))) + "</p>");
        out.println("<table class='nicetable' id='aragora-agents'><thead><tr><th>Agent</th><th>Provider</th><th>Bundle</th>"
                + "<th>Model</th><th>Breaker</th><th>Breaker failures</th><th>Calls</th><th>Failed calls</th><th></th></tr></thead><tbody>");
        Map<String, long[]> calls = calls();
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> agents = (Map<String, Map<String, Object>>) report.get("agents");
        for (Map.Entry<String, Map<String, Object>> e : agents.entrySet()) {
            String name = e.getKey();
            Map<String, Object> a = e.getValue();
            long[] c = calls.get(name);
            out.println("<tr><td>" + escape(name) + "</td><td>" + escape(String.valueOf(a.get("provider"))) + "</td><td>"
                    + escape(bundles.getOrDefault(name, "")) + "</td><td>" + escape(String.valueOf(a.get("model"))) + "</td><td>"
                    + escape(String.valueOf(a.get("status"))) + "</td><td>" + escape(String.valueOf(a.get("failures"))) + "</td><td>"
                    + (c == null ? "not metered" : c[0]) + "</td><td>" + (c == null ? "" : c[1]) + "</td><td>"
                    + form.open() + ConsoleForm.hidden("agent", name)
                    + "<button type='submit'>Reset breaker</button></form></td></tr>");
        }
        out.println("</tbody></table>");
    }

    /** Calls and failed calls per agent, from {@code aragora_agent_calls_total}. */
    Map<String, long[]> calls() {
        Map<String, long[]> byAgent = new TreeMap<>();
        for (MetricFamilySamples family : metrics.calls.collect()) {
            for (MetricFamilySamples.Sample s : family.samples) {
                if (!s.name.endsWith("_total")) {
                    continue; // the counter's _created timestamps
                }
                String agent = s.labelValues.get(s.labelNames.indexOf("agent"));
                String outcome = s.labelValues.get(s.labelNames.indexOf("outcome"));
                long[] n = byAgent.computeIfAbsent(agent, k -> new long[2]);
                n[0] += (long) s.value;
                n[1] += "ok".equals(outcome) ? 0 : (long) s.value;
            }
        }
        return byAgent;
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!form.accepts(request.getParameter("token"))) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN, ConsoleForm.REFUSED);
            return;
        }
        String agent = request.getParameter("agent");
        String message;
        if (agent == null || !bundles.containsKey(agent)) {
            message = "Not done: no agent " + agent;
        } else {
            resilience.breaker(Resilience.AGENTS, agent).reset();
            message = "The breaker of " + agent + " is closed again.";
        }
        // Post, redirect, get: reloading the page never repeats the reset.
        response.sendRedirect(form.redirect(message));
    }
}
