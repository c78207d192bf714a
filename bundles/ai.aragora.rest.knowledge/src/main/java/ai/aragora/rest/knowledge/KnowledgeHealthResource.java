package ai.aragora.rest.knowledge;

import java.util.Map;

import jakarta.ws.rs.GET;
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
import ai.aragora.api.knowledge.KnowledgeMound;

/**
 * {@code /api/health/knowledge-mound}: public like {@code /api/health}, with each component (store,
 * search, embeddings, recall, sync, every adapter) for a caller allowed {@code health.read}.
 */
@Component(service = KnowledgeHealthResource.class)
@JakartarsResource
@JSONRequired
@Path("api{v: (/v1)?}/health/knowledge-mound")
@Produces(MediaType.APPLICATION_JSON)
public class KnowledgeHealthResource {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile KnowledgeMound mound;

    public KnowledgeHealthResource() {
    }

    /** For tests: a resource bound to {@code mound}. */
    KnowledgeHealthResource(KnowledgeMound mound) {
        this.mound = mound;
    }

    @GET
    public Map<String, Object> health(@Context SecurityContext security) {
        boolean detail = security != null && security.getUserPrincipal() instanceof AuthPrincipal p && p.can("health.read");
        return KnowledgeViews.health(MoundAbsent.require(mound).health(), detail);
    }
}
