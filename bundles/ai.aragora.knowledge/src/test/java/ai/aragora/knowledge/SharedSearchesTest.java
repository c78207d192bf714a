package ai.aragora.knowledge;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import ai.aragora.api.cluster.SharedCache;
import ai.aragora.api.knowledge.KnowledgeNode;
import ai.aragora.api.knowledge.KnowledgeQuery;
import ai.aragora.api.knowledge.NodeKind;
import ai.aragora.api.knowledge.Provenance;
import ai.aragora.api.knowledge.ScoredNode;
import ai.aragora.api.knowledge.SearchResult;
import ai.aragora.api.knowledge.Tier;
import ai.aragora.api.knowledge.Validation;
import ai.aragora.api.knowledge.ContentHash;

class SharedSearchesTest {

    private static final Instant AT = Instant.parse("2026-12-07T10:15:30.123456Z");

    private static KnowledgeNode node(String id, String content) {
        return new KnowledgeNode(id, "acme", "default", NodeKind.CRUX, content, ContentHash.of(content), 0.75, Tier.SLOW,
                Validation.VERIFIED, 3, 7, Map.of("domain", "payments", "b", "ü"),
                List.of(new Provenance("d1", "r1", "claude", 2, "belief", AT)), AT.minusSeconds(60), AT);
    }

    @Test
    void aResultReadsBackExactlyAsItWasStored() throws Exception {
        SearchResult result = new SearchResult(List.of(new ScoredNode(node("n1", "Retries need jitter"), 0.91, 0.5, 0.88),
                new ScoredNode(node("n2", "Caps at \"30 s\"\nnewline"), 0.4, 1, 0)), true);

        assertThat(SharedSearches.decode(SharedSearches.encode(result), "acme")).isEqualTo(result);
        assertThat(SharedSearches.decode(SharedSearches.encode(new SearchResult(List.of(), false)), "acme").hits()).isEmpty();
    }

    @Test
    void anotherOrgsOrAlteredOrGarbledValueIsRefused() {
        byte[] stored = SharedSearches.encode(new SearchResult(List.of(new ScoredNode(node("n1", "Retries need jitter"), 1, 1, 0)), false));
        assertThatThrownBy(() -> SharedSearches.decode(stored, "globex")).hasMessageContaining("never crosses orgs");
        byte[] altered = new String(stored, UTF_8).replace("Retries need jitter", "Retries need no jitter").getBytes(UTF_8);
        assertThatThrownBy(() -> SharedSearches.decode(altered, "acme")).hasMessageContaining("content_hash");
        assertThatThrownBy(() -> SharedSearches.decode("{\"hits\":7}".getBytes(UTF_8), "acme")).hasMessageContaining("not a search result");
        assertThatThrownBy(() -> SharedSearches.decode(new byte[] {1, 2, 3}, "acme")).isNotNull();
    }

    @Test
    void anUnreadableSharedValueIsSearchedAgainAndReplaced() {
        AtomicInteger stored = new AtomicInteger();
        SharedSearches shared = new SharedSearches(() -> Duration.ofMinutes(1));
        shared.bind(new SharedCache() {
            @Override
            public Lookup lookup(String key, List<String> scopes) {
                assertThat(scopes).hasSize(3).allMatch(s -> !s.contains("acme"), "names are digested");
                return new Lookup("t", "{garbage".getBytes(UTF_8));
            }

            @Override
            public void store(Lookup lookup, byte[] value, Duration ttl) {
                stored.incrementAndGet();
            }

            @Override
            public void invalidate(List<String> scopes) {
            }

            @Override
            public boolean connected() {
                return true;
            }
        });
        SearchResult fresh = new SearchResult(List.of(), false);
        SearchCache.Key key = new SearchCache.Key(KnowledgeQuery.of("acme", "default", "retries", 5), 0.05, "lexical");

        assertThat(shared.get(key, () -> fresh)).isSameAs(fresh);
        assertThat(stored).hasValue(1);
    }
}
