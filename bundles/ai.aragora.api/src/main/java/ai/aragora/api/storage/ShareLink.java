package ai.aragora.api.storage;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A read-only link to one debate, as stored: the hash of its token (the token itself is never
 * stored), the debate and its org, who made it, until when it is good, and whether it was revoked.
 */
public record ShareLink(String id, String tokenHash, String debateId, String orgId, String createdBy, Instant createdAt,
        Instant expiresAt, Optional<Instant> revokedAt) {

    public ShareLink {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tokenHash, "tokenHash");
        Objects.requireNonNull(debateId, "debateId");
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        revokedAt = Objects.requireNonNullElse(revokedAt, Optional.empty());
    }

    /** Neither revoked nor expired at this instant. */
    public boolean validAt(Instant now) {
        return revokedAt.isEmpty() && now.isBefore(expiresAt);
    }

    /** Without the token hash. */
    @Override
    public String toString() {
        return "ShareLink[id=" + id + ", debateId=" + debateId + ", orgId=" + orgId + ", expiresAt=" + expiresAt
                + ", revoked=" + revokedAt.isPresent() + ", tokenHash=[redacted]]";
    }
}
