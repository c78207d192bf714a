package ai.aragora.debate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import ai.aragora.api.agent.Usage;
import ai.aragora.api.debate.AgentUsage;
import ai.aragora.api.debate.UsageTotals;

class UsageMeterTest {

    @Test
    void splitsTheTotalsByAgentAndTheModelThatAnswered() {
        UsageMeter meter = new UsageMeter();
        Seat a = new Seat("a", 0);
        Seat b = new Seat("b", 1);
        meter.add(a, new Usage(10, 5, 0.01, "m1"));
        meter.add(b, new Usage(7, 3, null, "m2"));
        meter.add(a, new Usage(1, 1, 0.02, null));
        meter.add(a, new Usage(2, 2, 0.5, "fallback"));
        meter.add(b, null);

        UsageTotals t = meter.totals();
        assertThat(t.inputTokens()).isEqualTo(20);
        assertThat(t.outputTokens()).isEqualTo(11);
        assertThat(t.costUsd()).isEqualTo(0.53, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(t.byAgent()).usingRecursiveFieldByFieldElementComparatorIgnoringFields("costUsd").containsExactly(
                new AgentUsage("a", "fallback", 1, 2, 2, 0),
                new AgentUsage("a", "m1", 2, 11, 6, 0),
                new AgentUsage("b", "m2", 1, 7, 3, 0));
        assertThat(t.byAgent().get(1).costUsd()).isEqualTo(0.03, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(t.byAgent().stream().mapToLong(AgentUsage::inputTokens).sum()).isEqualTo(t.inputTokens());
    }

    @Test
    void aSeatBackOnItsFirstModelAndAResumedDebatesCallsCountUnderTheSameLine() {
        UsageMeter meter = new UsageMeter();
        Seat a = new Seat("a", 0);
        meter.carry(new UsageTotals(4, 4, 0.25, java.util.List.of(new AgentUsage("a", "m1", 2, 4, 4, 0.25))));
        meter.add(a, new Usage(1, 1, 0.25, "m1"));
        meter.add(a, new Usage(1, 1, null, "fallback"));
        meter.add(a, new Usage(1, 1, 0.5, "m1"));

        assertThat(meter.totals().byAgent()).containsExactly(
                new AgentUsage("a", "fallback", 1, 1, 1, 0),
                new AgentUsage("a", "m1", 4, 6, 6, 1.0));
        assertThat(meter.totals().costUsd()).isEqualTo(1.0);
    }
}
