package ai.aragora.api.storage;

import java.time.Instant;
import java.util.Objects;

import ai.aragora.api.debate.DebateSpec;
import ai.aragora.api.debate.DebateStatus;

/**
 * A debate as stored: whose it is, what was asked, where it stands. Every debate belongs to an
 * org ({@code spec().orgId()}); {@code createdBy} is the user or key that asked.
 */
public record DebateRecord(String id, DebateSpec spec, String createdBy, DebateStatus status, int roundsUsed,
        boolean consensusReached, Instant createdAt, Instant updatedAt) {

    public DebateRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        updatedAt = updatedAt == null ? createdAt : updatedAt;
    }

    public String orgId() {
        return spec.orgId();
    }
}
