package ai.aragora.debate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import ai.aragora.api.debate.ConsensusMode;
import ai.aragora.api.debate.DebateSpec;
import ai.aragora.launcher.spi.UsageException;

/** What the commands make of their arguments, and what they refuse. */
class CommandLineTest {

    private static DebateSpec debate(String... args) throws UsageException {
        return DebateCommand.spec(DebateCommand.SYNTAX.parse(List.of(args)));
    }

    @Test
    void aDebateDefaultsToTheDemoAgentsThreeRoundsAndMajority() throws Exception {
        DebateSpec spec = debate("Ship it?");
        assertThat(spec.task()).isEqualTo("Ship it?");
        assertThat(spec.agents()).isEqualTo(DebateSpec.DEFAULT_AGENTS);
        assertThat(spec.rounds()).isEqualTo(3);
        assertThat(spec.consensus()).isEqualTo(ConsensusMode.MAJORITY);
        assertThat(spec.seed()).isZero();
    }

    @Test
    void flagsTakeSpaceOrEqualsValues() throws Exception {
        DebateSpec spec = debate("--agents", "demo-critical, demo-hollow", "Ship it?", "--rounds=5", "--consensus", "judge",
                "--seed", "42", "--judge", "demo-critical", "--min-rounds", "2", "--json");
        assertThat(spec.agents()).containsExactly("demo-critical", "demo-hollow");
        assertThat(spec.rounds()).isEqualTo(5);
        assertThat(spec.minRounds()).isEqualTo(2);
        assertThat(spec.consensus()).isEqualTo(ConsensusMode.JUDGE);
        assertThat(spec.judge()).isEqualTo("demo-critical");
        assertThat(spec.seed()).isEqualTo(42);
    }

    @Test
    void badFlagsSayWhatIsWrongInOneLine() {
        assertThatThrownBy(() -> debate("t", "--bogus")).hasMessageStartingWith("--bogus: unknown option");
        assertThatThrownBy(() -> debate("t", "--rounds")).hasMessage("--rounds: expected a value");
        assertThatThrownBy(() -> debate("t", "--rounds", "x")).hasMessage("--rounds: expected a number, got 'x'");
        assertThatThrownBy(() -> debate("t", "--rounds", "13")).hasMessage("--rounds: expected a number from 1 to 12, got '13'");
        assertThatThrownBy(() -> debate("t", "--consensus", "vibes")).hasMessageStartingWith("consensus must be one of");
        assertThatThrownBy(() -> debate("t", "--json=yes")).hasMessage("--json: takes no value, got 'yes'");
        assertThatThrownBy(() -> debate()).hasMessageStartingWith("a task is needed");
        assertThatThrownBy(() -> debate("two", "words")).hasMessageStartingWith("the task must be one argument");
        assertThatThrownBy(() -> debate("t", "--agents", "solo")).hasMessageStartingWith("agents: a debate needs 2 to 10");
        assertThatThrownBy(() -> debate("t", "--seed", "x")).hasMessage("--seed: expected a number, got 'x'");
        assertThatThrownBy(() -> debate("t", "--rounds", "2", "--rounds", "3")).hasMessage("--rounds: given twice");
    }

    @Test
    void theBenchmarkPlan() throws Exception {
        BenchmarkCommand.Plan plan = BenchmarkCommand.plan(List.of("--debates", "5000", "--concurrent", "500", "--rounds", "3",
                "--latency-ms", "1000", "--receipts", "off"));
        assertThat(plan.debates()).isEqualTo(5000);
        assertThat(plan.concurrent()).isEqualTo(500);
        assertThat(plan.minRounds()).as("every round runs").isEqualTo(3);
        assertThat(plan.latencyMillis()).isEqualTo(1000);
        assertThat(plan.receipts()).isFalse();
        assertThat(plan.warmup()).isEqualTo(2000);
        assertThat(plan.agents()).isEqualTo(DebateSpec.DEFAULT_AGENTS);
        assertThat(plan.spec(7).seed()).isEqualTo(7);
        assertThat(plan.spec(7).priorKnowledge()).as("debates ask the mound unless told not to").isTrue();
        assertThat(BenchmarkCommand.plan(List.of("--prior-knowledge", "off")).spec(7).priorKnowledge()).isFalse();
        assertThatThrownBy(() -> BenchmarkCommand.plan(List.of("--receipts", "maybe"))).hasMessageContaining("on or off");
        assertThatThrownBy(() -> BenchmarkCommand.plan(List.of("--concurrent", "0"))).hasMessageContaining("--concurrent");
        assertThatThrownBy(() -> BenchmarkCommand.plan(List.of("extra"))).hasMessage("unexpected argument 'extra'");
    }

    @Test
    void percentilesAreNearestRank() {
        long[] sorted = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        assertThat(BenchmarkCommand.percentile(sorted, 0.5)).isEqualTo(5);
        assertThat(BenchmarkCommand.percentile(sorted, 0.99)).isEqualTo(10);
        assertThat(BenchmarkCommand.percentile(new long[] {42}, 0.5)).isEqualTo(42);
    }
}
