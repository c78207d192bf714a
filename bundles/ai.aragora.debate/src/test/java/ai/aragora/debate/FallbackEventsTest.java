package ai.aragora.debate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import ai.aragora.api.agent.Critique;
import ai.aragora.api.debate.DebateHandle;
import ai.aragora.api.event.DebateEvent;
import ai.aragora.api.event.EventType;
import ai.aragora.api.resilience.FallbackNotice;

/** A provider's reroute becomes the debate's agent_fallback_triggered event, in sequence. */
class FallbackEventsTest {

    private final Harness h = new Harness();

    @Test
    void aNoticeDuringACallIsStoredAndAnnouncedWithTheDebatesNextEvents() {
        h.agent("a", "b");
        ScriptedAgent b = h.agent("b", "b");
        CompletableFuture<Critique> pending = new CompletableFuture<>();
        b.onCritique = r -> pending;
        DebateHandle handle = h.start(Harness.spec("a", "b").rounds(1).build());

        h.arena.onFallback(new FallbackNotice(handle.id(), 1, "b", "model-1.0.0", "openrouter/model", "rate_limited",
                "openrouter", Instant.EPOCH));
        h.arena.onFallback(new FallbackNotice("some-other-debate", 1, "b", null, null, "timeout", null, Instant.EPOCH));
        pending.complete(new Critique("b", "a", 1, null, null, 2, "fine", null));
        handle.result().toCompletableFuture().join();

        List<DebateEvent> fallbacks = h.announced.stream().filter(e -> e.type() == EventType.AGENT_FALLBACK_TRIGGERED).toList();
        assertThat(fallbacks).singleElement().satisfies(e -> {
            assertThat(e.debateId()).isEqualTo(handle.id());
            assertThat(e.agent()).isEqualTo("b");
            assertThat(e.round()).isEqualTo(1);
            assertThat(e.data()).containsEntry("reason", "rate_limited").containsEntry("to_model", "openrouter/model")
                    .containsEntry("fallback_provider", "openrouter");
        });
        List<Long> seqs = h.announced.stream().filter(e -> e.debateId().equals(handle.id())).map(DebateEvent::seq).toList();
        assertThat(seqs).isSorted().doesNotHaveDuplicates();
    }
}
