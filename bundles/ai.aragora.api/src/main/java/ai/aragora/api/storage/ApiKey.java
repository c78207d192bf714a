package ai.aragora.api.storage;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An API key as stored: its public {@code prefix} (how a presented key is looked up), the hash
 * of the whole key, whose it is, and whether it was revoked. The key itself is never stored.
 */
public record ApiKey(String id, String prefix, String keyHash, String ownerId, String orgId, Instant createdAt,
        Optional<Instant> revokedAt) {

    public ApiKey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(keyHash, "keyHash");
        Objects.requireNonNull(ownerId, "ownerId");
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(createdAt, "createdAt");
        revokedAt = Objects.requireNonNullElse(revokedAt, Optional.empty());
    }

    public boolean revoked() {
        return revokedAt.isPresent();
    }

    /** Without the key hash. */
    @Override
    public String toString() {
        return "ApiKey[id=" + id + ", prefix=" + prefix + ", ownerId=" + ownerId + ", orgId=" + orgId
                + ", revoked=" + revoked() + ", keyHash=[redacted]]";
    }
}
