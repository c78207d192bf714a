package ai.aragora.webhooks.store.jdbc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import ai.aragora.api.crypto.EncryptedFieldSource;
import ai.aragora.api.crypto.StoredField;
import ai.aragora.webhooks.store.Subscription;
import ai.aragora.webhooks.store.Subscription.StoredSecret;
import ai.aragora.webhooks.store.SubscriptionStore;

/**
 * The sealed signing secrets of every subscription, for {@code aragora encrypt-existing
 * --webhook-secrets} and {@code aragora encryption status}: subscriptions in id order, every
 * stored secret (also one whose overlap ended but is not dropped yet) one field.
 */
@Component(service = EncryptedFieldSource.class, property = EncryptedFieldSource.NAME + "=" + SecretFieldSource.SOURCE)
public class SecretFieldSource implements EncryptedFieldSource {

    static final String SOURCE = "webhook-secrets";

    private final SubscriptionStore subscriptions;

    @Activate
    public SecretFieldSource(@Reference SubscriptionStore subscriptions) {
        this.subscriptions = subscriptions;
    }

    @Override
    public String name() {
        return SOURCE;
    }

    @Override
    public Batch fields(String cursor, int records) {
        int limit = Math.max(1, records);
        List<Subscription> page = subscriptions.afterId(cursor, limit);
        List<StoredField> fields = new ArrayList<>();
        for (Subscription s : page) {
            for (StoredSecret secret : s.secrets()) {
                fields.add(new StoredField(secret.context(s.id()), secret.sealed(), s.id()));
            }
        }
        return new Batch(fields, page.size() == limit ? page.get(page.size() - 1).id() : null);
    }

    @Override
    public int replace(List<Reseal> reseals) {
        Map<String, List<Reseal>> bySubscription = new LinkedHashMap<>();
        reseals.forEach(r -> bySubscription.computeIfAbsent(r.field().record(), k -> new ArrayList<>()).add(r));
        int replaced = 0;
        for (Map.Entry<String, List<Reseal>> e : bySubscription.entrySet()) {
            int[] swapped = {0};
            boolean written = subscriptions.changeSecrets(e.getKey(), secrets -> {
                swapped[0] = 0;
                List<StoredSecret> out = new ArrayList<>();
                for (StoredSecret secret : secrets) {
                    out.add(swap(e.getKey(), secret, e.getValue(), swapped));
                }
                return out;
            });
            replaced += written ? swapped[0] : 0;
        }
        return replaced;
    }

    /** The secret with its new envelope when a reseal names it and it still holds what was read. */
    private static StoredSecret swap(String subscriptionId, StoredSecret secret, List<Reseal> reseals, int[] swapped) {
        var context = secret.context(subscriptionId);
        for (Reseal r : reseals) {
            if (r.field().context().equals(context) && secret.sealed().equals(r.field().stored())) {
                swapped[0]++;
                return new StoredSecret(r.envelope().toMap(), secret.createdAt(), secret.expiresAt());
            }
        }
        return secret;
    }
}
