package ai.aragora.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.aragora.api.knowledge.KnowledgeStore;
import ai.aragora.api.knowledge.NewNode;
import ai.aragora.api.knowledge.NodeKind;
import ai.aragora.api.knowledge.Provenance;

class EmbeddingsTest {

    @TempDir
    Path temp;

    /** The real store, whose {@code putVectors} fails on the calls numbered in {@code failing} (from 1). */
    private static KnowledgeStore failingVectors(KnowledgeStore real, AtomicInteger calls, int failing) {
        return (KnowledgeStore) Proxy.newProxyInstance(KnowledgeStore.class.getClassLoader(), new Class<?>[] {KnowledgeStore.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("putVectors") && calls.incrementAndGet() == failing) {
                        throw new IllegalStateException("disk full");
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** The model bound, its background pass over (it fails: the model is held failing until then), no call counted. */
    private static Embeddings.Current bound(Embeddings embeddings, ConceptEmbeddings model) {
        model.failing = true;
        embeddings.bind(model);
        assertThatThrownBy(() -> embeddings.catchUpNow(embeddings.current(), n -> {
        })).hasMessageContaining("not loaded");
        model.failing = false;
        model.calls = 0;
        return embeddings.current();
    }

    private static List<NewNode> nodes(int n) {
        List<NewNode> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new NewNode("acme", null, NodeKind.FACT, "database outage number " + i, 0.8, Map.of(),
                    Provenance.ofDebate("test", null, null, Instant.parse("2026-01-01T00:00:00Z"))));
        }
        return out;
    }

    @Test
    void everyBatchIsStoredAndCountedOnceAfterItIsStoredAndItsWorkspacesAreToldTheirSearchesChanged() {
        List<String> indexed = new ArrayList<>();
        try (SqliteMound km = new SqliteMound(temp, new TestConfig());
                Embeddings embeddings = new Embeddings(km.store, (org, workspace) -> indexed.add(org + "/" + workspace))) {
            km.store.upsertAll(nodes(3 * Embeddings.BATCH + 5));
            Embeddings.Current c = bound(embeddings, new ConceptEmbeddings());
            List<Long> progress = new ArrayList<>();

            assertThat(embeddings.catchUp(c, progress::add)).isEqualTo(3 * Embeddings.BATCH + 5);

            assertThat(progress).containsExactly((long) Embeddings.BATCH, (long) Embeddings.BATCH, (long) Embeddings.BATCH, 5L);
            assertThat(km.store.stats("acme", null).embedded()).isEqualTo(3 * Embeddings.BATCH + 5);
            assertThat(c.index.size()).isEqualTo(3 * Embeddings.BATCH + 5);
            assertThat(indexed).as("once per batch").containsExactly("acme/default", "acme/default", "acme/default", "acme/default");
        }
    }

    @Test
    void aFailedWriteStopsThePassWithItsCauseAndTheNextPassStoresWhatIsMissing() {
        try (SqliteMound km = new SqliteMound(temp, new TestConfig())) {
            km.store.upsertAll(nodes(4 * Embeddings.BATCH));
            AtomicInteger writes = new AtomicInteger();
            ConceptEmbeddings model = new ConceptEmbeddings();
            try (Embeddings embeddings = new Embeddings(failingVectors(km.store, writes, 2), (org, workspace) -> { })) {
                Embeddings.Current c = bound(embeddings, model);
                List<Long> progress = new ArrayList<>();

                assertThatThrownBy(() -> embeddings.catchUp(c, progress::add)).hasMessage("disk full");

                // The first batch was stored and counted; the second failed while the third was embedded, and the pass
                // stopped there.
                assertThat(progress).containsExactly((long) Embeddings.BATCH);
                assertThat(model.calls).isEqualTo(3);
                assertThat(km.store.stats("acme", null).embedded()).isEqualTo(Embeddings.BATCH);

                assertThat(embeddings.catchUp(c, progress::add)).isEqualTo(3 * Embeddings.BATCH);
                assertThat(km.store.stats("acme", null).embedded()).isEqualTo(4 * Embeddings.BATCH);
            }
        }
    }
}
