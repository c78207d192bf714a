package ai.aragora.rest.admin;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.jakartars.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

import ai.aragora.api.agent.Agent;
import ai.aragora.api.auth.AccessControl;
import ai.aragora.api.debate.DebateService;
import ai.aragora.api.ops.AdminStats;

/**
 * {@code GET /api/admin/stats} (and {@code /api/v1/admin/stats}): the running server at a glance.
 * Active debates, agents and uptime are known here; the stores, the event stream and any
 * other bundle add their fields as {@link AdminStats} services, so the document grows with
 * the features loaded.
 */
@Component(service = AdminStatsResource.class)
@JakartarsResource
@JSONRequired
@Path("api{v: (/v1)?}/admin/stats")
@Produces(MediaType.APPLICATION_JSON)
public class AdminStatsResource {

    private final AccessControl access;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile DebateService engine;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private final List<Agent> agents = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private final List<AdminStats> parts = new CopyOnWriteArrayList<>();

    @Activate
    public AdminStatsResource(@Reference AccessControl access) {
        this.access = access;
    }

    @GET
    public Map<String, Object> stats(@Context SecurityContext security) {
        ServerAdmin.require(access, security, ServerAdmin.READ);
        return document();
    }

    Map<String, Object> document() {
        Map<String, Object> doc = new TreeMap<>();
        for (AdminStats part : parts) {
            doc.putAll(part.stats());
        }
        DebateService running = engine;
        doc.put("active_debates", running == null ? 0 : running.active().size());
        List<String> names = new ArrayList<>();
        for (Agent agent : agents) {
            names.add(agent.info().name());
        }
        names.sort(null);
        doc.put("agents", new TreeMap<>(Map.of("total", names.size(), "names", names)));
        long uptimeMs = ManagementFactory.getRuntimeMXBean().getUptime();
        doc.put("uptime_seconds", uptimeMs / 1000);
        doc.put("started_at", Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime()).toString());
        doc.put("generated_at", Instant.now().toString());
        return doc;
    }
}
