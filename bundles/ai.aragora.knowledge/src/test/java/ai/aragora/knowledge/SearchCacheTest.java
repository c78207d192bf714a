package ai.aragora.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import ai.aragora.api.knowledge.KnowledgeQuery;
import ai.aragora.api.knowledge.SearchResult;

class SearchCacheTest {

    private final MoundMetrics metrics = MoundMetrics.unregistered();
    private final AtomicLong now = new AtomicLong();
    private final AtomicInteger searches = new AtomicInteger();

    private SearchCache cache(int max) {
        return new SearchCache(metrics, max, TimeUnit.SECONDS.toNanos(60), now::get);
    }

    private static SearchCache.Key key(String org, String workspace, String text) {
        return new SearchCache.Key(KnowledgeQuery.of(org, workspace, text, 10), 0.05, "lexical");
    }

    private SearchResult ask(SearchCache cache, SearchCache.Key key) {
        return cache.get(key, () -> {
            searches.incrementAndGet();
            return new SearchResult(List.of(), false);
        });
    }

    /** Asks {@code key}, a write landing while its search runs. */
    private static void searchWhile(SearchCache cache, SearchCache.Key key, Runnable write) {
        cache.get(key, () -> {
            write.run();
            return new SearchResult(List.of(), false);
        });
    }

    @Test
    void theSameQuestionIsAnsweredOnceUntilItsTimeIsUp() {
        SearchCache cache = cache(10);
        ask(cache, key("acme", "ws", "backoff"));
        ask(cache, key("acme", "ws", "backoff"));
        ask(cache, key("acme", "ws", "retries"));

        assertThat(searches).hasValue(2);
        assertThat(metrics.cacheHits.get()).isEqualTo(1);
        assertThat(metrics.cacheMisses.get()).isEqualTo(2);

        now.addAndGet(TimeUnit.SECONDS.toNanos(60));
        ask(cache, key("acme", "ws", "backoff"));
        assertThat(searches).hasValue(3);
    }

    @Test
    void aWriteDropsTheResultsOfItsWorkspaceAndTheOrgWideOnesOnly() {
        SearchCache cache = cache(10);
        SearchCache.Key ws = key("acme", "ws", "q");
        SearchCache.Key orgWide = key("acme", null, "q");
        SearchCache.Key otherWorkspace = key("acme", "other", "q");
        SearchCache.Key otherOrg = key("globex", "ws", "q");
        List.of(ws, orgWide, otherWorkspace, otherOrg).forEach(k -> ask(cache, k));

        assertThat(cache.invalidate("acme", "ws")).isEqualTo(2);
        List.of(ws, orgWide, otherWorkspace, otherOrg).forEach(k -> ask(cache, k));

        assertThat(searches).hasValue(6);
        assertThat(cache.invalidate("acme", null)).isEqualTo(3);
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void itHoldsAtMostItsSizeDroppingTheLeastRecentlyAsked() {
        SearchCache cache = cache(2);
        ask(cache, key("acme", null, "a"));
        ask(cache, key("acme", null, "b"));
        ask(cache, key("acme", null, "a"));
        ask(cache, key("acme", null, "c"));

        assertThat(cache.size()).isEqualTo(2);
        ask(cache, key("acme", null, "a"));
        assertThat(searches).as("a was asked more recently than b and stayed").hasValue(3);
        ask(cache, key("acme", null, "b"));
        assertThat(searches).hasValue(4);
    }

    @Test
    void aResultComputedWhileAWriteLandedIsNotKept() {
        SearchCache cache = cache(10);
        SearchCache.Key k = key("acme", "ws", "q");
        searchWhile(cache, k, () -> cache.invalidate("acme", "ws"));

        assertThat(cache.size()).isZero();
    }

    @Test
    void aWriteToAnotherOrgNeitherDropsNorSpoilsASearchUnderWay() {
        SearchCache cache = cache(10);
        SearchCache.Key k = key("acme", "ws", "q");
        searchWhile(cache, k, () -> cache.invalidate("globex", "ws"));
        ask(cache, k);

        assertThat(cache.size()).isEqualTo(1);
        assertThat(searches).as("the second ask is a hit").hasValue(0);

        searchWhile(cache, key("acme", "ws", "r"), cache::invalidateAll);
        assertThat(cache.size()).as("everything dropped, and the racing result not kept").isZero();
    }

    @Test
    void asksOfOneQuestionWhileItsSearchRunsWaitForItAndAnAskAfterAWriteSearchesAgain() throws Exception {
        SearchCache cache = cache(10);
        SearchCache.Key key = key("acme", "ws", "backoff");
        CountDownLatch searching = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        SearchResult first = new SearchResult(List.of(), false);
        ExecutorService askers = Executors.newFixedThreadPool(4);
        try {
            Future<SearchResult> leader = askers.submit(() -> cache.get(key, () -> {
                searches.incrementAndGet();
                searching.countDown();
                await(release);
                return first;
            }));
            assertThat(searching.await(30, TimeUnit.SECONDS)).isTrue();
            List<Future<SearchResult>> followers = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                followers.add(askers.submit(() -> ask(cache, key)));
            }
            // a write meanwhile: what the running search finds may be stale for an ask made after it
            // each follower counts its hit as it joins the running search
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (metrics.cacheHits.get() < 3 && System.nanoTime() - deadline < 0) {
                Thread.onSpinWait();
            }
            assertThat(metrics.cacheHits.get()).isEqualTo(3);
            assertThat(metrics.cacheMisses.get()).isEqualTo(1);
            cache.invalidate("acme", "ws");
            SearchResult afterWrite = ask(cache, key);
            release.countDown();

            assertThat(leader.get(30, TimeUnit.SECONDS)).isSameAs(first);
            for (Future<SearchResult> f : followers) {
                assertThat(f.get(30, TimeUnit.SECONDS)).isSameAs(first);
            }
            assertThat(afterWrite).isNotSameAs(first);
            assertThat(searches).as("the leader's and the one after the write").hasValue(2);
        } finally {
            release.countDown();
            askers.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
