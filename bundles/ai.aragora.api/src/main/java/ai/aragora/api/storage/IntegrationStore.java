package ai.aragora.api.storage;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Integrations per org. The store keeps what it is given: sealing credentials is its caller's
 * job, and re-sealing them later goes through the store's
 * {@link ai.aragora.api.crypto.EncryptedFieldSource}.
 */
@ProviderType
public interface IntegrationStore {

    /**
     * The name under which a store of integrations offers its credentials as an
     * {@link ai.aragora.api.crypto.EncryptedFieldSource} ({@code aragora encrypt-existing --integration-store}).
     */
    String FIELD_SOURCE = "integration-store";

    Optional<IntegrationRecord> find(String orgId, String id);

    /**
     * Ordered by org, then id.
     *
     * @param orgId one org's, or null for every org's
     * @param type only this type, or null
     * @param enabled only enabled (true) or disabled (false) ones, or null for both
     */
    Page<IntegrationRecord> list(String orgId, String type, Boolean enabled, int offset, int limit);

    /** Completes with false, changing nothing, when the org already has one with this id. */
    CompletionStage<Boolean> create(IntegrationRecord record);

    /** Replaces everything but the creation time; completes with false when there is none to replace. */
    CompletionStage<Boolean> update(IntegrationRecord record);

    CompletionStage<Boolean> delete(String orgId, String id);

    /** How many are enabled, across every org. */
    long countEnabled();
}
