package ai.aragora.knowledge;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.LongConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ai.aragora.api.knowledge.EmbeddingProvider;
import ai.aragora.api.knowledge.KnowledgeNode;
import ai.aragora.api.knowledge.KnowledgeStore;

/**
 * The embedding provider of the moment, the vectors of its model in memory, and the work of
 * giving every node a vector: on one background thread, in batches, from wherever the last
 * pass stopped (the nodes without a vector of the model), so it resumes after any interruption.
 * Without a provider, or until its vectors are loaded, search is lexical only.
 */
final class Embeddings implements AutoCloseable {

    static final int BATCH = 64;
    private static final int LOAD_PAGE = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(Embeddings.class);

    /** A provider with its index; {@code ready} once the stored vectors are loaded. */
    static final class Current {
        final EmbeddingProvider provider;
        final VectorIndex index;
        volatile boolean ready;
        volatile String failure;

        Current(EmbeddingProvider provider) {
            this.provider = provider;
            this.index = new VectorIndex(provider.model(), provider.dimensions());
        }
    }

    private final KnowledgeStore store;
    /** Told of each org and workspace whose nodes gained vectors: their searches may now find more. */
    private final BiConsumer<String, String> indexed;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "aragora-km-embed");
        t.setDaemon(true);
        return t;
    });
    /** Stores one batch's vectors while the worker embeds the next. */
    private final ExecutorService storer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "aragora-km-embed-store");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean pending = new AtomicBoolean();
    /** Told of every batch embedded, whichever pass embeds it: the command waiting for them. */
    private volatile LongConsumer observer = n -> {
    };
    private volatile Current current;

    Embeddings(KnowledgeStore store, BiConsumer<String, String> indexed) {
        this.store = store;
        this.indexed = indexed;
    }

    void bind(EmbeddingProvider provider) {
        current = new Current(provider);
        catchUpLater();
    }

    void unbind(EmbeddingProvider provider) {
        Current c = current;
        if (c != null && c.provider == provider) {
            current = null;
        }
    }

    /** The provider and its index when searches may use them, else null. */
    Current ready() {
        Current c = current;
        return c != null && c.ready ? c : null;
    }

    /** The provider bound now, ready or not. */
    Current current() {
        return current;
    }

    void removed(String nodeId) {
        Current c = current;
        if (c != null) {
            c.index.remove(nodeId);
        }
    }

    /** New nodes are waiting: one pass is queued, however many ask. */
    void catchUpLater() {
        if (pending.compareAndSet(false, true)) {
            worker.execute(() -> {
                pending.set(false);
                Current c = current;
                if (c != null) {
                    try {
                        catchUp(c, n -> {
                        });
                    } catch (RuntimeException e) {
                        c.failure = e.getMessage();
                        LOG.warn("embedding with {} stopped: {}", c.provider.model(), e.getMessage());
                    }
                }
            });
        }
    }

    /**
     * Loads the model's stored vectors once, then embeds every node without one; reports each
     * batch's size to {@code progress}. Returns how many nodes were embedded.
     */
    long catchUp(Current c, LongConsumer progress) {
        if (!c.ready) {
            String after = null;
            for (List<KnowledgeStore.NodeVector> page = store.vectors(c.index.model(), null, LOAD_PAGE); !page.isEmpty();
                    page = store.vectors(c.index.model(), after, LOAD_PAGE)) {
                for (KnowledgeStore.NodeVector v : page) {
                    c.index.put(v.nodeId(), v.orgId(), v.workspaceId(), v.vector());
                }
                after = page.get(page.size() - 1).nodeId();
            }
            c.ready = true;
        }
        long embedded = 0;
        String after = null;
        // Storing a batch overlaps embedding the next, so a pass runs at the model's pace; one batch at most is in
        // flight, so memory stays bounded and a failed write stops the pass one batch later.
        CompletableFuture<Void> storing = CompletableFuture.completedFuture(null);
        int stored = 0;
        try {
            for (List<KnowledgeNode> batch = store.unembedded(c.index.model(), null, BATCH); !batch.isEmpty() && current == c;
                    batch = store.unembedded(c.index.model(), after, BATCH)) {
                List<String> texts = new ArrayList<>(batch.size());
                batch.forEach(n -> texts.add(n.content()));
                List<float[]> vectors = c.provider.embed(texts);
                c.failure = null;
                if (vectors.size() != batch.size()) {
                    throw new IllegalStateException(c.provider.model() + " returned " + vectors.size() + " vectors for " + batch.size() + " texts");
                }
                Map<String, float[]> byId = new LinkedHashMap<>();
                Set<List<String>> workspaces = new LinkedHashSet<>();
                for (int i = 0; i < batch.size(); i++) {
                    KnowledgeNode n = batch.get(i);
                    c.index.put(n.id(), n.orgId(), n.workspaceId(), vectors.get(i));
                    byId.put(n.id(), vectors.get(i));
                    workspaces.add(List.of(n.orgId(), n.workspaceId()));
                }
                workspaces.forEach(w -> indexed.accept(w.get(0), w.get(1)));
                awaitStored(storing, stored, progress);
                storing = CompletableFuture.runAsync(() -> store.putVectors(c.index.model(), byId), storer);
                stored = batch.size();
                embedded += batch.size();
                after = batch.get(batch.size() - 1).id();
            }
        } catch (RuntimeException e) {
            // The batch already embedded is still stored and counted; the pass's own failure is the one reported.
            try {
                awaitStored(storing, stored, progress);
            } catch (RuntimeException alsoFailed) {
                if (alsoFailed != e) {
                    e.addSuppressed(alsoFailed);
                }
            }
            throw e;
        }
        awaitStored(storing, stored, progress);
        return embedded;
    }

    /** Waits for a batch's vectors to be stored, then tells {@code progress} and the observer of its {@code size}. */
    private void awaitStored(CompletableFuture<Void> storing, int size, LongConsumer progress) {
        try {
            storing.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        if (size > 0) {
            progress.accept(size);
            observer.accept(size);
        }
    }

    /**
     * A pass on the background thread, after the one under way (a provider just bound starts one),
     * waited for; {@code progress} is told the nodes embedded so far after every batch either embeds. Returns how many nodes were embedded.
     */
    long catchUpNow(Current c, LongConsumer progress) {
        AtomicLong total = new AtomicLong();
        observer = n -> progress.accept(total.addAndGet(n));
        try {
            worker.submit(() -> catchUp(c, n -> {
            })).get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: what was embedded is kept, and the next run resumes", e);
        } finally {
            observer = n -> {
            };
        }
        return total.get();
    }

    @Override
    public void close() {
        worker.shutdownNow();
        storer.shutdownNow();
    }
}
