package ai.aragora.api.resilience;

import java.time.Instant;
import java.util.Objects;

/**
 * An agent call that failed on its own provider and was rerouted: which debate and round,
 * which agent, the model asked for and the one asked instead, the failure kind that caused it
 * ({@code rate_limited}, {@code timeout} ...), and the provider that took over.
 */
public record FallbackNotice(String debateId, int round, String agent, String fromModel, String toModel,
        String reason, String fallbackProvider, Instant at) {

    public FallbackNotice {
        Objects.requireNonNull(debateId, "debateId");
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(at, "at");
    }
}
