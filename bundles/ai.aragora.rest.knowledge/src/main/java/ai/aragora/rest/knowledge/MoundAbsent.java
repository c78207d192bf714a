package ai.aragora.rest.knowledge;

import ai.aragora.api.knowledge.KnowledgeMound;
import jakarta.ws.rs.NotFoundException;

/**
 * The mound comes with the {@code knowledge} feature, the routes with {@code http}: without the
 * feature the routes do not exist for callers (a JSON 404 naming the feature, never a 5xx), and
 * the server is still ready.
 */
final class MoundAbsent {

    static final String MESSAGE = "the Knowledge Mound is not running on this server (feature knowledge)";

    private MoundAbsent() {
    }

    static KnowledgeMound require(KnowledgeMound mound) {
        if (mound == null) {
            throw new NotFoundException(MESSAGE);
        }
        return mound;
    }
}
