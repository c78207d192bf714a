package ai.aragora.api.receipt;

import java.util.List;
import java.util.Objects;

/**
 * Proof that the log at {@code second} extends the log at {@code first} without rewriting any
 * leaf (RFC 9162 section 2.1.4): an append-only check between two checkpoints.
 */
public record ConsistencyProof(Checkpoint first, Checkpoint second, List<String> path) {
    public ConsistencyProof {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(second, "second");
        path = List.copyOf(path);
    }
}
