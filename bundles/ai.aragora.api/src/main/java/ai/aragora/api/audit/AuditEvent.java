package ai.aragora.api.audit;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One audited action. {@code actor} is the user, key or operator; {@code source} where the
 * request came from (an address, {@code cli}); {@code outcome} e.g. {@code success},
 * {@code denied}, {@code failed}. {@code details} never carries secrets: the log redacts values
 * whose names suggest one.
 */
public record AuditEvent(Instant at, String actor, String action, String target, String outcome, String source,
        Map<String, String> details) {

    public AuditEvent {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        target = target == null ? "" : target;
        outcome = outcome == null ? "success" : outcome;
        source = source == null ? "" : source;
        details = details == null ? Map.of() : Map.copyOf(details);
    }
}
