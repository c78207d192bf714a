package ai.aragora.webhooks.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.aragora.api.crypto.EncryptedFieldSource;
import ai.aragora.api.crypto.Envelope;
import ai.aragora.api.crypto.StoredField;
import ai.aragora.storage.jdbc.Database;
import ai.aragora.storage.jdbc.StorageBackend;
import ai.aragora.storage.jdbc.Store;
import ai.aragora.storage.jdbc.sql.JdbcDatabases;
import ai.aragora.storage.sqlite.SqliteBackend;
import ai.aragora.webhooks.store.Subscription.StoredSecret;
import ai.aragora.webhooks.store.jdbc.JdbcSubscriptionStore;
import ai.aragora.webhooks.store.jdbc.SecretFieldSource;

/** The stored signing secrets as {@code encrypt-existing} sees them, on a real SQLite main store. */
class SecretFieldSourceTest {

    private static final Instant T0 = Instant.parse("2026-12-01T12:00:00.000000123Z");

    @TempDir
    Path dir;
    private StorageBackend backend;
    private SubscriptionStore store;

    private SubscriptionStore store() {
        backend = new SqliteBackend(new JdbcDatabases(), dir, 10_000, 2, 256, true);
        store = JdbcSubscriptionStore.over(backend.database(Store.ARAGORA));
        return store;
    }

    @AfterEach
    void close() {
        for (Store s : Store.values()) {
            backend.database(s).close();
        }
    }

    private static StoredSecret secret(String marker, Instant created, Instant expires) {
        return new StoredSecret(Map.of("_encrypted", true, "kid", marker), created, expires);
    }

    private static Subscription subscription(String id, String org, List<StoredSecret> secrets) {
        return new Subscription(id, org, "https://hooks.example/" + id, "http", List.of(), null, Map.of(), secrets, true, false,
                null, T0, T0, null);
    }

    @Test
    void everyOrgsSecretsArePagedInIdOrderOneFieldEachBoundToItsSubscriptionAndTime() {
        SubscriptionStore subscriptions = store();
        Instant later = T0.plusSeconds(60);
        subscriptions.createAll(List.of(
                subscription("wh_c", "org-2", List.of(secret("c", T0, null))),
                subscription("wh_a", "org-1", List.of(secret("a-new", later, null), secret("a-old", T0, later.plusSeconds(3600)))),
                subscription("wh_b", "org-2", List.of(secret("b", T0, null)))));
        EncryptedFieldSource source = new SecretFieldSource(subscriptions);

        EncryptedFieldSource.Batch first = source.fields(null, 2);
        assertEquals(List.of("wh_a", "wh_a", "wh_b"), first.fields().stream().map(StoredField::record).toList());
        assertEquals(StoredSecret.context("wh_a", later), first.fields().get(0).context());
        assertEquals(StoredSecret.context("wh_a", T0), first.fields().get(1).context());
        assertEquals("a-old", ((Map<?, ?>) first.fields().get(1).stored()).get("kid"));
        assertEquals("wh_b", first.next());

        EncryptedFieldSource.Batch rest = source.fields(first.next(), 2);
        assertEquals(List.of("wh_c"), rest.fields().stream().map(StoredField::record).toList());
        assertNull(rest.next());
    }

    @Test
    void aResealReplacesOnlyTheSecretItNamesAndOnlyWhileItHoldsWhatWasRead() {
        SubscriptionStore subscriptions = store();
        Instant later = T0.plusSeconds(60);
        subscriptions.create(subscription("wh_a", "org-1", List.of(secret("new", later, null), secret("old", T0, later))));
        EncryptedFieldSource source = new SecretFieldSource(subscriptions);
        StoredField old = source.fields(null, 10).fields().get(1);
        Envelope envelope = new Envelope(1, "AES-256-GCM", "k2", new byte[12], new byte[20]);

        assertEquals(1, source.replace(List.of(new EncryptedFieldSource.Reseal(old, envelope))));
        Subscription now = subscriptions.find("org-1", "wh_a").orElseThrow();
        assertEquals("new", now.secrets().get(0).sealed().get("kid"));
        assertEquals("k2", Envelope.from(now.secrets().get(1).sealed()).orElseThrow().keyId());
        assertEquals(later, now.secrets().get(1).expiresAt());

        assertEquals(0, source.replace(List.of(new EncryptedFieldSource.Reseal(old, envelope))), "what was read is gone");
    }

    @Test
    void theFanOutsReadOnItsOwnConnectionSeesTheOrgsActiveSubscriptionsOldestFirst() {
        SubscriptionStore subscriptions = store();
        subscriptions.createAll(List.of(subscription("wh_z", "org-1", List.of(secret("z", T0, null))),
                new Subscription("wh_off", "org-1", "https://hooks.example/off", "http", List.of(), null, Map.of(), List.of(),
                        false, false, "gone", T0, T0, null),
                subscription("wh_other", "org-2", List.of(secret("o", T0, null))),
                subscription("wh_p", "org-1", List.of(secret("p", T0, null)))));
        Database db = backend.database(Store.ARAGORA);

        List<Subscription> read = db.read(c -> subscriptions.active(c, "org-1"));
        assertEquals(List.of("wh_p", "wh_z"), read.stream().map(Subscription::id).toList());
        assertEquals(subscriptions.active("org-1"), read);
    }
}
