package ai.aragora.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
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
        cache.get(k, () -> {
            cache.invalidate("acme", "ws");
            return new SearchResult(List.of(), false);
        });

        assertThat(cache.size()).isZero();
    }
}
