package ai.aragora.openapi;

import java.util.Collection;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The last generated document, kept until what it was generated from changes: the generation of
 * the resource set (a tracker's tracking count) or the server version. Reflection over every
 * resource on each request would cost far more than the answer is worth.
 */
final class DocumentCache {

    private record Generated(int generation, String version, ObjectNode document) {
    }

    private final OpenApiGenerator generator;
    private final String title;
    private volatile Generated last;

    DocumentCache(OpenApiGenerator generator, String title) {
        this.generator = generator;
        this.title = title;
    }

    /**
     * The document for this generation of the resource set. The generation must be read before
     * the resources are: a change in between then costs one more generation, never a stale answer.
     * The document returned is shared and must not be modified.
     */
    ObjectNode document(int generation, String version, Supplier<? extends Collection<Class<?>>> resources) {
        Generated current = last;
        if (current != null && current.generation() == generation && current.version().equals(version)) {
            return current.document();
        }
        synchronized (this) {
            current = last;
            if (current == null || current.generation() != generation || !current.version().equals(version)) {
                current = new Generated(generation, version, generator.generate(title, version, resources.get()));
                last = current;
            }
            return current.document();
        }
    }
}
