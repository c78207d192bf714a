package ai.aragora.debate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import ai.aragora.api.debate.DebateHandle;
import ai.aragora.api.debate.DebateResult;
import ai.aragora.api.debate.DebateSpec;
import ai.aragora.api.event.DebateEvent;
import ai.aragora.api.event.EventType;
import ai.aragora.api.knowledge.KnowledgeMound;
import ai.aragora.api.knowledge.KnowledgeNode;
import ai.aragora.api.knowledge.KnowledgeQuery;
import ai.aragora.api.knowledge.MoundHealth;
import ai.aragora.api.knowledge.MoundStats;
import ai.aragora.api.knowledge.NewNode;
import ai.aragora.api.knowledge.NodeKind;
import ai.aragora.api.knowledge.PriorKnowledge;
import ai.aragora.api.knowledge.Provenance;
import ai.aragora.api.knowledge.RelationType;
import ai.aragora.api.knowledge.Relationship;
import ai.aragora.api.knowledge.SearchResult;
import ai.aragora.api.knowledge.Stored;
import ai.aragora.api.knowledge.Tier;
import ai.aragora.api.knowledge.Validation;
import ai.aragora.api.storage.Page;

class PriorKnowledgeTest {

    /** A mound that knows one node of org acme and records what it was asked. */
    static final class OneNodeMound implements KnowledgeMound {
        final List<String> asked = new ArrayList<>();
        volatile boolean broken;

        @Override
        public PriorKnowledge recall(String orgId, String workspaceId, String task, int tokenBudget) {
            asked.add(orgId + "/" + workspaceId);
            if (broken) {
                throw new IllegalStateException("the knowledge store does not answer");
            }
            if (!orgId.equals("acme")) {
                return PriorKnowledge.NONE;
            }
            Instant t = Instant.parse("2026-01-01T00:00:00Z");
            KnowledgeNode node = new KnowledgeNode("kn-7", "acme", "default", NodeKind.CONSENSUS, "Cap backoff at 30 s", "h", 0.9,
                    Tier.MEDIUM, Validation.UNVERIFIED, 2, 0, Map.of(), List.of(Provenance.ofDebate("consensus", "d0", null, t)), t, t);
            return new PriorKnowledge(List.of(node), "Prior knowledge:\n- [consensus, confidence 0.90] Cap backoff at 30 s");
        }

        @Override
        public Stored add(NewNode node) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<KnowledgeNode> node(String orgId, String id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Page<KnowledgeNode> nodes(String orgId, String workspaceId, NodeKind kind, int offset, int limit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean delete(String orgId, String id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Relationship relate(String orgId, String sourceId, String targetId, RelationType type, Provenance provenance) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Relationship> relationships(String orgId, String nodeId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public SearchResult search(KnowledgeQuery query) {
            throw new UnsupportedOperationException();
        }

        @Override
        public MoundStats stats(String orgId, String workspaceId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public MoundHealth health() {
            throw new UnsupportedOperationException();
        }
    }

    /** Runs what it was given only when the test says so: a mound as slow as the test wants. */
    static final class HeldExecutor extends AbstractExecutorService {
        final List<Runnable> held = new ArrayList<>();

        @Override
        public void execute(Runnable command) {
            held.add(command);
        }

        void release() {
            List<Runnable> now = List.copyOf(held);
            held.clear();
            now.forEach(Runnable::run);
        }

        @Override
        public void shutdown() {
        }

        @Override
        public List<Runnable> shutdownNow() {
            return List.of();
        }

        @Override
        public boolean isShutdown() {
            return false;
        }

        @Override
        public boolean isTerminated() {
            return false;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return true;
        }
    }

    private final HeldExecutor lookups = new HeldExecutor();
    private final Harness h = new Harness(EngineSettings.DEFAULTS, lookups);
    private final OneNodeMound mound = new OneNodeMound();
    private ScriptedAgent a;

    @BeforeEach
    void agents() {
        a = h.agent("a", "a");
        h.agent("b", "a");
        h.arena.bindKnowledge(mound);
    }

    /** Starts the debate, lets the mound answer, and returns the decided result. */
    private DebateResult run(DebateSpec spec) {
        DebateHandle handle = h.start(spec);
        lookups.release();
        DebateResult result = handle.result().toCompletableFuture().getNow(null);
        assertThat(result).as("decided once the mound answered").isNotNull();
        return result;
    }

    @Test
    void theMoundIsAskedOffTheCallersThreadAndTheDebateBeginsOnceItAnswers() {
        DebateHandle handle = h.start(Harness.spec("a", "b").orgId("acme").build());

        assertThat(mound.asked).as("not asked on the thread that starts the debate").isEmpty();
        assertThat(handle.result().toCompletableFuture()).isNotDone();
        assertThat(types(handle.id())).isEmpty();

        lookups.release();

        assertThat(handle.result().toCompletableFuture().getNow(null).priorKnowledge()).containsExactly("kn-7");
        assertThat(types(handle.id())).startsWith(EventType.DEBATE_START, EventType.KNOWLEDGE_INJECTED, EventType.ROUND_START);
    }

    @Test
    void pastTheDeadlineTheDebateStartsWithoutPriorKnowledgeAndSaysSo() {
        DebateHandle handle = h.start(Harness.spec("a", "b").orgId("acme").build());
        h.clock.advanceSeconds(1.9);
        assertThat(handle.result().toCompletableFuture()).isNotDone();

        h.clock.advanceSeconds(0.1);

        DebateResult r = handle.result().toCompletableFuture().getNow(null);
        assertThat(r).as("decided without waiting for the mound any longer").isNotNull();
        assertThat(r.priorKnowledge()).isEmpty();
        assertThat(a.proposals.get(0).turn().context()).isEmpty();
        assertThat(types(r.id())).startsWith(EventType.DEBATE_START, EventType.KNOWLEDGE_INJECTED, EventType.ROUND_START);
        DebateEvent skipped = h.announced.stream().filter(e -> e.type() == EventType.KNOWLEDGE_INJECTED).findFirst().orElseThrow();
        assertThat(skipped.data()).containsEntry("count", 0).containsEntry("node_ids", List.of())
                .containsEntry("skipped", "the knowledge mound did not answer within 2000 ms");

        lookups.release();
        assertThat(mound.asked).as("a lookup still queued at its deadline is not run").isEmpty();
    }

    private List<EventType> types(String debateId) {
        return h.announced.stream().filter(e -> e.debateId().equals(debateId)).map(DebateEvent::type).toList();
    }

    @Test
    void aDebateStartsFromItsOrgsPriorKnowledgeAndRecordsWhichItWasGiven() {
        DebateResult r = run(Harness.spec("a", "b").orgId("acme").context("Our API serves 2k rps.")
                .metadata(Map.of(DebateSpec.WORKSPACE, "payments")).build());

        assertThat(mound.asked).containsExactly("acme/payments");
        assertThat(a.proposals.get(0).turn().context()).isEqualTo("Our API serves 2k rps.\n\nPrior knowledge:\n"
                + "- [consensus, confidence 0.90] Cap backoff at 30 s");
        assertThat(types(r.id())).startsWith(EventType.DEBATE_START, EventType.KNOWLEDGE_INJECTED, EventType.ROUND_START);
        DebateEvent injected = h.announced.stream().filter(e -> e.type() == EventType.KNOWLEDGE_INJECTED).findFirst().orElseThrow();
        assertThat(injected.data()).containsEntry("node_ids", List.of("kn-7")).containsEntry("count", 1);
        assertThat(r.priorKnowledge()).containsExactly("kn-7");
        assertThat(h.receipts.issued).singleElement()
                .satisfies(d -> assertThat(d.evidence().priorKnowledge()).containsExactly("kn-7"));
    }

    @Test
    void anotherOrgsDebateIsGivenNothingAndSaysNothingAboutIt() {
        DebateResult r = run(Harness.spec("a", "b").orgId("globex").build());

        assertThat(mound.asked).containsExactly("globex/null");
        assertThat(a.proposals.get(0).turn().context()).isEmpty();
        assertThat(types(r.id())).doesNotContain(EventType.KNOWLEDGE_INJECTED);
        assertThat(r.priorKnowledge()).isEmpty();
        assertThat(h.receipts.issued.get(0).evidence().priorKnowledge()).isEmpty();
    }

    @Test
    void aSpecThatTurnsItOffIsNeitherGivenNorAsked() {
        DebateResult r = run(Harness.spec("a", "b").orgId("acme").priorKnowledge(false).build());

        assertThat(mound.asked).isEmpty();
        assertThat(r.priorKnowledge()).isEmpty();
        assertThat(types(r.id())).doesNotContain(EventType.KNOWLEDGE_INJECTED);
    }

    @Test
    void aFailingOrAbsentMoundNeverHoldsUpADebate() {
        mound.broken = true;
        DebateResult failed = run(Harness.spec("a", "b").orgId("acme").build());
        h.arena.unbindKnowledge(mound);
        DebateResult without = run(Harness.spec("a", "b").orgId("acme").build());

        assertThat(failed.consensusReached()).isTrue();
        assertThat(failed.priorKnowledge()).isEmpty();
        assertThat(h.announced.stream().filter(e -> e.debateId().equals(failed.id()) && e.type() == EventType.KNOWLEDGE_INJECTED))
                .singleElement().satisfies(e -> assertThat(e.data()).containsEntry("skipped", "the knowledge mound failed"));
        assertThat(without.consensusReached()).isTrue();
        assertThat(mound.asked).hasSize(1);
    }
}
