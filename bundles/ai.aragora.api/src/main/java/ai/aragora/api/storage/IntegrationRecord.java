package ai.aragora.api.storage;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

import ai.aragora.api.crypto.FieldContext;

/**
 * An org's connection to an outside service as stored. {@code settings} are kept in the clear;
 * each value of {@code credentials} is an {@link ai.aragora.api.crypto.Envelope} in its stored
 * form, or a plaintext string written before encryption was on. Values are JSON values (strings,
 * numbers, booleans, lists and maps of them).
 *
 * @param id unique within the org: the integration's type name for one per type ({@code slack})
 */
public record IntegrationRecord(String orgId, String id, String type, String name, boolean enabled,
        Map<String, Object> settings, Map<String, Object> credentials, Instant createdAt, Instant updatedAt) {

    public IntegrationRecord {
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
        settings = Map.copyOf(settings);
        credentials = Map.copyOf(credentials);
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** The {@link FieldContext#store()} of integration credentials. */
    public static final String ENCRYPTION_STORE = "integrations";

    /** Where credential {@code field} of integration {@code id} of {@code orgId} is sealed; ids never contain '/'. */
    public static FieldContext credential(String orgId, String id, String field) {
        return new FieldContext(ENCRYPTION_STORE, orgId + "/" + id, field);
    }

    @Override
    public String toString() {
        return "IntegrationRecord[org=" + orgId + ", id=" + id + ", type=" + type + ", credentials=" + credentials.keySet() + "]";
    }
}
