package ai.aragora.rest.knowledge;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.jakartars.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

import ai.aragora.api.auth.AuthPrincipal;
import ai.aragora.api.knowledge.KnowledgeUpkeep;
import ai.aragora.api.knowledge.Tier;
import ai.aragora.api.knowledge.Upkeep;

/**
 * {@code /api/health/decay}: the mound's hourly pass over its nodes' age (tiers cooled, confidence
 * decayed, glacial nodes deleted). Public like {@code /api/health}; what the latest pass did and the
 * settings it ran with for a caller allowed {@code health.read}.
 */
@Component(service = DecayHealthResource.class)
@JakartarsResource
@JSONRequired
@Path("api{v: (/v1)?}/health/decay")
@Produces(MediaType.APPLICATION_JSON)
public class DecayHealthResource {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile KnowledgeUpkeep upkeep;

    public DecayHealthResource() {
    }

    /** For tests: a resource bound to {@code upkeep}. */
    DecayHealthResource(KnowledgeUpkeep upkeep) {
        this.upkeep = upkeep;
    }

    @GET
    public Map<String, Object> decay(@Context SecurityContext security) {
        KnowledgeUpkeep bound = upkeep;
        if (bound == null) {
            throw new NotFoundException(MoundAbsent.MESSAGE);
        }
        long start = System.nanoTime();
        Upkeep u = bound.latest();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("status", u.last().error() == null ? "healthy" : "degraded");
        view.put("timestamp", Instant.now().toString());
        if (security != null && security.getUserPrincipal() instanceof AuthPrincipal p && p.can("health.read")) {
            view.put("last_run", u.lastRun() == null ? null : u.lastRun().toString());
            view.put("next_run", u.nextRun().toString());
            view.put("runs", u.runs());
            view.put("failures", u.failures());
            Map<String, Object> last = new LinkedHashMap<>();
            last.put("cooled", u.last().cooled());
            last.put("decayed", u.last().decayed());
            last.put("expired", u.last().expired());
            last.put("error", u.last().error());
            view.put("last_pass", last);
            Map<String, Object> retention = new LinkedHashMap<>();
            for (Tier t : Tier.values()) {
                retention.put(t.wire(), u.settings().retentionDays().get(t));
            }
            Map<String, Object> settings = new LinkedHashMap<>();
            settings.put("retention_days", retention);
            settings.put("decay_after_days", u.settings().decayAfterDays());
            settings.put("decay_half_life_days", u.settings().decayHalfLifeDays());
            settings.put("decay_floor", u.settings().decayFloor());
            view.put("settings", settings);
        }
        view.put("response_time_ms", (System.nanoTime() - start) / 1_000_000.0);
        return view;
    }
}
