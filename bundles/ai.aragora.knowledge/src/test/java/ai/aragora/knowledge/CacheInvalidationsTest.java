package ai.aragora.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import ai.aragora.api.cluster.MemoryBroker;
import ai.aragora.api.cluster.ClusterListener;
import ai.aragora.api.cluster.ClusterMessage;
import ai.aragora.api.knowledge.KnowledgeQuery;
import ai.aragora.api.knowledge.SearchResult;

class CacheInvalidationsTest {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final SearchCache cache = new SearchCache(MoundMetrics.unregistered(), 100, TimeUnit.MINUTES.toNanos(1), System::nanoTime);
    private final AtomicInteger delay = new AtomicInteger(60_000);
    private final CacheInvalidations invalidations = new CacheInvalidations(cache, new SharedSearches(() -> Duration.ofMinutes(1)), timer, delay::get);

    @AfterEach
    void stop() {
        timer.shutdownNow();
        invalidations.close();
    }

    private void cached(String org, String workspace) {
        cache.get(new SearchCache.Key(KnowledgeQuery.of(org, workspace, "backoff", 10), 0.05, "lexical"),
                () -> new SearchResult(List.of(), false));
    }

    @Test
    void backgroundWritesAreGatheredAndDroppedTogetherWhileAWriteSomebodyWaitsForDropsAtOnce() throws Exception {
        MemoryBroker broker = new MemoryBroker();
        invalidations.bind(broker.bus("A"));
        List<String> announced = new CopyOnWriteArrayList<>();
        broker.bus("B").subscribe(CacheInvalidations.CHANNEL, new ClusterListener() {
            @Override
            public void onMessage(ClusterMessage message) {
                announced.add(message.payload());
            }
        });
        cached("acme", "ws");
        cached("acme", "other");
        cached("globex", "ws");

        for (int i = 0; i < 500; i++) {
            invalidations.writtenInBackground("acme", "ws");
            invalidations.writtenInBackground("globex", "ws");
        }
        assertThat(cache.size()).as("nothing dropped before the delay").isEqualTo(3);
        assertThat(announced).isEmpty();

        invalidations.flush();
        assertThat(cache.size()).as("acme/other stays").isEqualTo(1);
        assertThat(announced).as("one announcement per workspace written").containsExactly("acme\nws", "globex\nws");

        invalidations.written("acme", null);
        assertThat(cache.size()).isZero();
    }

    @Test
    void theGatheredWritesAreDroppedOnceTheDelayIsUpAndAtOnceWithoutADelay() throws InterruptedException {
        delay.set(50);
        cached("acme", "ws");
        invalidations.writtenInBackground("acme", "ws");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (cache.size() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(cache.size()).isZero();

        delay.set(0);
        cached("acme", "ws");
        invalidations.writtenInBackground("acme", "ws");
        assertThat(cache.size()).isZero();
    }
}
