package ai.aragora.debate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import ai.aragora.api.agent.AgentException;
import ai.aragora.api.agent.Critique;
import ai.aragora.api.debate.AgentFailure;
import ai.aragora.api.debate.DebateHandle;
import ai.aragora.api.debate.DebateResult;
import ai.aragora.api.debate.DebateStatus;
import ai.aragora.api.event.EventType;

/** Agent bundles replaced or removed while debates run. */
class HotSwapTest {

    private final Harness h = new Harness();

    @Test
    void aCallInFlightMovesToTheSuccessorOfTheSameName() {
        h.agent("a", "b");
        ScriptedAgent old = h.agent("b", "b");
        CompletableFuture<Critique> stuck = new CompletableFuture<>();
        old.onCritique = r -> stuck;
        DebateHandle handle = h.start(Harness.spec("a", "b").rounds(2).minRounds(2).build());
        assertThat(handle.status()).isEqualTo(DebateStatus.RUNNING);

        h.arena.removeAgent(old);
        ScriptedAgent successor = new ScriptedAgent("b", "b", "2.0.0");
        h.register(successor);

        DebateResult r = handle.result().toCompletableFuture().getNow(null);
        assertThat(r).isNotNull();
        assertThat(r.status()).isEqualTo(DebateStatus.CONSENSUS_REACHED);
        assertThat(r.failures()).isEmpty();
        assertThat(successor.critiques).hasSize(2);
        assertThat(successor.critiques.get(0).turn().round()).isEqualTo(1);
        assertThat(r.participants().get(1).version()).isEqualTo("2.0.0");
        assertThat(r.participants().get(1).model()).isEqualTo("model-2.0.0");

        stuck.complete(new Critique("b", "a", 1, null, null, 9, "late answer from the old bundle", null));
        assertThat(r.critiques()).noneMatch(c -> c.reasoning().startsWith("late answer"));
    }

    @Test
    void aFailureFromADepartedAgentIsRetriedOnItsSuccessor() {
        h.agent("a", "a");
        ScriptedAgent old = h.agent("b", "a");
        CompletableFuture<Critique> stopping = new CompletableFuture<>();
        old.onCritique = r -> stopping;
        DebateHandle handle = h.start(Harness.spec("a", "b").rounds(1).build());
        ScriptedAgent successor = new ScriptedAgent("b", "a", "2.0.0");
        h.register(successor);
        h.arena.removeAgent(old);
        stopping.completeExceptionally(new AgentException(AgentException.Kind.UNAVAILABLE, "bundle stopping"));

        DebateResult r = handle.result().toCompletableFuture().getNow(null);
        assertThat(r.failures()).isEmpty();
        assertThat(successor.critiques).hasSize(1);
    }

    @Test
    void withoutASuccessorWithinTheGracePeriodTheAgentDropsOut() {
        h.agent("a", "a");
        h.agent("b", "a");
        ScriptedAgent leaving = h.agent("c", "a");
        CompletableFuture<Critique> stuck = new CompletableFuture<>();
        leaving.onCritique = r -> stuck;
        DebateHandle handle = h.start(Harness.spec("a", "b", "c").rounds(2).minRounds(2).build());
        assertThat(h.arena.accepts("c")).isTrue();
        h.arena.removeAgent(leaving);
        assertThat(h.arena.accepts("c")).as("what lists agents lists only those a debate can start with").isFalse();

        h.clock.advanceSeconds(1.9);
        assertThat(handle.result().toCompletableFuture().isDone()).isFalse();
        h.clock.advanceSeconds(0.1);
        DebateResult r = handle.result().toCompletableFuture().getNow(null);

        assertThat(r.status()).isEqualTo(DebateStatus.CONSENSUS_REACHED);
        assertThat(r.failures()).extracting(AgentFailure::agent, AgentFailure::phase, AgentFailure::kind)
                .containsOnly(org.assertj.core.groups.Tuple.tuple("c", "critique", AgentException.Kind.GONE));
        assertThat(r.failures()).hasSize(2);
        assertThat(leaving.proposals).as("not asked again").hasSize(1);
        assertThat(r.roundsUsed()).isEqualTo(2);
        assertThat(h.announced).filteredOn(e -> e.type() == EventType.AGENT_FAILURE)
                .allSatisfy(e -> assertThat(e.data()).containsEntry("kind", "gone").containsEntry("dropped", true));
    }

    @Test
    void aSuccessorArrivingLateInTheGracePeriodStillTakesOver() {
        h.agent("a", "a");
        ScriptedAgent old = h.agent("b", "a");
        old.onCritique = r -> new CompletableFuture<>();
        DebateHandle handle = h.start(Harness.spec("a", "b").rounds(1).build());
        h.arena.removeAgent(old);
        h.clock.advanceSeconds(1.5);
        ScriptedAgent successor = new ScriptedAgent("b", "a", "2.0.0");
        h.register(successor);

        DebateResult r = handle.result().toCompletableFuture().getNow(null);
        assertThat(r.failures()).isEmpty();
        assertThat(successor.critiques).hasSize(1);
        assertThat(h.clock.pending()).as("the grace timer was called off").isZero();
    }

    @Test
    void theHighestRankedRegistrationOfANameAnswers() {
        ScriptedAgent low = new ScriptedAgent("a", "a", "1.0.0");
        ScriptedAgent high = new ScriptedAgent("a", "a", "3.0.0");
        h.arena.addAgent(low, java.util.Map.of(ai.aragora.api.agent.Agent.NAME, "a", "service.id", 10L, "service.ranking", 0));
        h.arena.addAgent(high, java.util.Map.of(ai.aragora.api.agent.Agent.NAME, "a", "service.id", 5L, "service.ranking", 7));
        h.agent("b", "a");
        DebateResult r = h.run(Harness.spec("a", "b").rounds(1).build());
        assertThat(high.proposals).hasSize(1);
        assertThat(low.proposals).isEmpty();
        assertThat(r.participants().get(0).version()).isEqualTo("3.0.0");
    }
}
