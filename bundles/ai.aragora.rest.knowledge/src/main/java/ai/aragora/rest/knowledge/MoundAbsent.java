package ai.aragora.rest.knowledge;

import java.util.LinkedHashMap;
import java.util.Map;

import ai.aragora.api.knowledge.KnowledgeMound;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The mound comes with the {@code knowledge} feature, the routes with {@code http}: without the
 * feature the routes do not exist for callers (a JSON 404 naming the feature, never a 5xx), and
 * the server is still ready.
 */
final class MoundAbsent {

    private MoundAbsent() {
    }

    static KnowledgeMound require(KnowledgeMound mound) {
        if (mound != null) {
            return mound;
        }
        Map<String, Object> entity = new LinkedHashMap<>();
        entity.put("error", "the Knowledge Mound is not running on this server (feature knowledge)");
        entity.put("code", "not_found");
        throw new NotFoundException(Response.status(404).type(MediaType.APPLICATION_JSON_TYPE).entity(entity).build());
    }
}
