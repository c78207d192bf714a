package ai.aragora.rest.integrations;

import java.security.Principal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.jakartars.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

import ai.aragora.api.auth.AccessControl;
import ai.aragora.api.auth.AuthPrincipal;
import ai.aragora.api.auth.PermissionDeniedException;
import ai.aragora.api.crypto.EncryptedFieldSource;
import ai.aragora.api.crypto.FieldCensus;
import ai.aragora.api.crypto.FieldEncryption;
import ai.aragora.api.crypto.KeyUsage;

/**
 * {@code GET /api/v1/admin/encryption}, for the operator only (keys serve every org): the active
 * key, each key's usage, and per store how many fields are sealed under which key and how many
 * are still plaintext, as {@code aragora encryption status} prints them. Key ids only, never keys.
 */
@Component(service = EncryptionAdminResource.class)
@JakartarsResource
@JSONRequired
@Path("api/v1/admin/encryption")
@Produces(MediaType.APPLICATION_JSON)
public class EncryptionAdminResource {

    static final String PERMISSION = "admin.encryption";
    static final int BATCH = 1000;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile FieldEncryption encryption;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<EncryptedFieldSource> sources;

    private final AccessControl access;

    @Activate
    public EncryptionAdminResource(@Reference AccessControl access) {
        this.access = access;
    }

    @GET
    public Map<String, Object> status(@Context SecurityContext security) {
        AuthPrincipal principal = access.require(security == null ? null : (Principal) security.getUserPrincipal(), PERMISSION);
        if (principal.kind() != AuthPrincipal.Kind.ADMIN) {
            throw new PermissionDeniedException(PERMISSION + " (server admin only: the keys serve every org)");
        }
        FieldEncryption provider = encryption;
        if (provider == null) {
            throw Integrations.unavailable("no encryption provider is running (see ARAGORA_ENCRYPTION_KEY)");
        }
        String active = provider.activeKeyId();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("active_key_id", active);
        body.put("decryption_key_ids", provider.decryptionKeyIds());
        List<Map<String, Object>> keys = new ArrayList<>();
        for (KeyUsage k : provider.usage()) {
            Map<String, Object> key = new LinkedHashMap<>();
            key.put("key_id", k.keyId());
            key.put("active", k.active());
            key.put("encryptions", k.encryptions());
            key.put("limit", k.limit());
            key.put("used", k.used());
            keys.add(key);
        }
        body.put("keys", keys);
        List<Map<String, Object>> stores = new ArrayList<>();
        long plaintext = 0;
        long unreadable = 0;
        List<EncryptedFieldSource> registered = sources;
        for (EncryptedFieldSource source : registered == null ? List.<EncryptedFieldSource>of() : registered) {
            FieldCensus c = source.census(BATCH);
            long lost = c.malformed() + c.byKeyId().entrySet().stream()
                    .filter(e -> !provider.decryptionKeyIds().contains(e.getKey())).mapToLong(Map.Entry::getValue).sum();
            Map<String, Object> store = new LinkedHashMap<>();
            store.put("store", c.source());
            store.put("fields", c.total());
            store.put("by_key_id", c.byKeyId());
            store.put("plaintext", c.plaintext());
            store.put("malformed", c.malformed());
            store.put("unreadable", lost);
            store.put("pending", c.pending(active));
            stores.add(store);
            plaintext += c.plaintext();
            unreadable += lost;
        }
        body.put("stores", stores);
        body.put("plaintext", plaintext);
        body.put("unreadable", unreadable);
        return body;
    }
}
