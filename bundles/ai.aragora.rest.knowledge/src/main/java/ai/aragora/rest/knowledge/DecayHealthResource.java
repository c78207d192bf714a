package ai.aragora.rest.knowledge;

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
        Map<String, Object> view = KnowledgeViews.upkeep(bound.latest(),
                security != null && security.getUserPrincipal() instanceof AuthPrincipal p && p.can("health.read"));
        view.put("response_time_ms", (System.nanoTime() - start) / 1_000_000.0);
        return view;
    }
}
