package ai.aragora.api.ops;

import java.util.Map;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A part of {@code GET /api/admin/stats}: top-level fields of the document, snake_case, with
 * values Jackson writes as they are (numbers, strings, booleans, maps and lists of them). Called
 * on every request; keep it cheap and never include a secret.
 */
@ConsumerType
public interface AdminStats {

    Map<String, Object> stats();
}
