package ai.aragora.storage.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import ai.aragora.api.crypto.EncryptedFieldSource;
import ai.aragora.api.crypto.EncryptedFieldSource.Reseal;
import ai.aragora.api.crypto.Envelope;
import ai.aragora.api.crypto.StoredField;
import ai.aragora.api.storage.IntegrationRecord;

class MemoryIntegrationStoreTest {

    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
    private final MemoryIntegrationStore store = new MemoryIntegrationStore();

    private static IntegrationRecord record(String org, String id, boolean enabled, Map<String, Object> credentials) {
        return new IntegrationRecord(org, id, id, id + " of " + org, enabled, Map.of("channel", "#ops"), credentials, T0, T0);
    }

    private static boolean done(java.util.concurrent.CompletionStage<Boolean> stage) {
        return stage.toCompletableFuture().join();
    }

    @Test
    void keepsAnOrgsIntegrationsApartAndInOrder() {
        assertThat(done(store.create(record("org-b", "slack", true, Map.of())))).isTrue();
        assertThat(done(store.create(record("org-a", "slack", false, Map.of())))).isTrue();
        assertThat(done(store.create(record("org-a", "github", true, Map.of())))).isTrue();
        assertThat(done(store.create(record("org-a", "github", false, Map.of())))).as("one per id in an org").isFalse();

        assertThat(store.list(null, null, null, 0, 10).items()).extracting(r -> r.orgId() + "/" + r.id())
                .containsExactly("org-a/github", "org-a/slack", "org-b/slack");
        assertThat(store.list("org-a", null, true, 0, 10).items()).extracting(IntegrationRecord::id).containsExactly("github");
        assertThat(store.list(null, "slack", null, 1, 1).items()).extracting(IntegrationRecord::orgId).containsExactly("org-b");
        assertThat(store.list(null, "slack", null, 1, 1).total()).isEqualTo(2);
        assertThat(store.countEnabled()).isEqualTo(2);

        IntegrationRecord renamed = new IntegrationRecord("org-a", "slack", "slack", "renamed", true, Map.of(), Map.of(),
                T0.plusSeconds(60), T0.plusSeconds(60));
        assertThat(done(store.update(renamed))).isTrue();
        assertThat(store.find("org-a", "slack").orElseThrow().createdAt()).as("creation time kept").isEqualTo(T0);
        assertThat(store.find("org-a", "slack").orElseThrow().name()).isEqualTo("renamed");
        assertThat(done(store.update(record("org-c", "slack", true, Map.of())))).isFalse();
        assertThat(done(store.delete("org-b", "slack"))).isTrue();
        assertThat(done(store.delete("org-b", "slack"))).isFalse();
        assertThat(store.find("org-b", "slack")).isEmpty();
    }

    @Test
    void credentialsAreListedInBatchesThatResumeAndReplacedOnlyWhileUnchanged() {
        for (int i = 0; i < 5; i++) {
            store.create(record("org:" + i, "x" + i, true, Map.of("token", "plain-" + i, "secret", "s-" + i)));
        }
        List<StoredField> all = new ArrayList<>();
        String cursor = null;
        int batches = 0;
        do {
            EncryptedFieldSource.Batch batch = store.fields(cursor, 2);
            all.addAll(batch.fields());
            cursor = batch.next();
            batches++;
        } while (cursor != null);
        assertThat(batches).isEqualTo(3);
        assertThat(all).hasSize(10);
        assertThat(all).extracting(f -> f.context().recordId()).contains("org:0/x0", "org:4/x4");
        assertThat(store.census(2).total()).isEqualTo(10);

        StoredField first = all.stream().filter(f -> f.context().recordId().equals("org:0/x0") && f.context().field().equals("token"))
                .findFirst().orElseThrow();
        Envelope sealed = new Envelope(1, "AES-256-GCM", "k1", new byte[12], new byte[20]);
        assertThat(store.replace(List.of(new Reseal(first, sealed)))).isEqualTo(1);
        assertThat(Envelope.isMarked(store.find("org:0", "x0").orElseThrow().credentials().get("token"))).isTrue();
        assertThat(store.replace(List.of(new Reseal(first, sealed)))).as("it no longer holds what was read").isZero();
        store.delete("org:1", "x1");
        StoredField gone = all.stream().filter(f -> f.context().recordId().equals("org:1/x1")).findFirst().orElseThrow();
        assertThat(store.replace(List.of(new Reseal(gone, sealed)))).isZero();
    }
}
