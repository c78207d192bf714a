package ai.aragora.api.storage;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ProviderType;

/** Read-only links to debates. Token hashes are unique. */
@ProviderType
public interface ShareLinkStore {

    CompletionStage<Void> create(ShareLink link);

    Optional<ShareLink> find(String id);

    /** How a presented token is found: by its hash. */
    Optional<ShareLink> findByTokenHash(String tokenHash);

    /** False when there is no such link or it was already revoked. */
    CompletionStage<Boolean> revoke(String id, Instant at);
}
