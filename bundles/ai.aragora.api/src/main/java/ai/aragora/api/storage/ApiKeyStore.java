package ai.aragora.api.storage;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ProviderType;

/** API keys of users. Prefixes are unique; a key's owner must exist. */
@ProviderType
public interface ApiKeyStore {

    CompletionStage<Void> create(ApiKey key);

    Optional<ApiKey> find(String keyId);

    /** How a presented key is found before its hash is compared. */
    Optional<ApiKey> findByPrefix(String prefix);

    /** Oldest first, revoked ones included. */
    List<ApiKey> listByOwner(String ownerId);

    /** False when there is no such key or it was already revoked. */
    CompletionStage<Boolean> revoke(String keyId, Instant at);
}
