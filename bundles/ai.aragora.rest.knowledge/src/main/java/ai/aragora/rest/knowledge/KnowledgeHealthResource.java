package ai.aragora.rest.knowledge;

import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
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

    private final KnowledgeMound mound;

    @Activate
    public KnowledgeHealthResource(@Reference KnowledgeMound mound) {
        this.mound = mound;
    }

    @GET
    public Map<String, Object> health(@Context SecurityContext security) {
        boolean detail = security != null && security.getUserPrincipal() instanceof AuthPrincipal p && p.can("health.read");
        return KnowledgeViews.health(mound.health(), detail);
    }
}
