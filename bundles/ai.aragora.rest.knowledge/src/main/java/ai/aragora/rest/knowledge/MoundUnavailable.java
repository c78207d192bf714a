package ai.aragora.rest.knowledge;

import java.util.LinkedHashMap;
import java.util.Map;

import ai.aragora.api.knowledge.KnowledgeMound;
import jakarta.ws.rs.ServiceUnavailableException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The mound comes with the {@code knowledge} feature, the routes with {@code http}: without the
 * feature the routes answer a JSON 503 saying so, and the server is still ready.
 */
final class MoundUnavailable {

    private MoundUnavailable() {
    }

    static KnowledgeMound require(KnowledgeMound mound) {
        if (mound != null) {
            return mound;
        }
        Map<String, Object> entity = new LinkedHashMap<>();
        entity.put("error", "the Knowledge Mound is not running (feature knowledge)");
        entity.put("code", "unavailable");
        throw new ServiceUnavailableException(Response.status(503).type(MediaType.APPLICATION_JSON_TYPE).entity(entity).build());
    }
}
