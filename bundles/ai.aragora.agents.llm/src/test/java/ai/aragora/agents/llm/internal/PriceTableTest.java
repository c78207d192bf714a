package ai.aragora.agents.llm.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PriceTableTest {

    private final PriceTable prices = PriceTable.parse("claude-sonnet-4=3:15", "claude-sonnet-4-5=3.5:16", "gpt-4o-mini=0.15:0.6");

    @Test
    void costIsPerMillionTokens() {
        assertThat(prices.cost("gpt-4o-mini", 1_000_000, 2_000_000)).isCloseTo(1.35, within(1e-12));
    }

    @Test
    void datedSnapshotsUseTheLongestPrefix() {
        assertThat(prices.cost("claude-sonnet-4-5-20250929", 1_000_000, 0)).isCloseTo(3.5, within(1e-12));
        assertThat(prices.cost("claude-sonnet-4-20250514", 1_000_000, 0)).isCloseTo(3.0, within(1e-12));
    }

    @Test
    void anUnknownModelHasNoCostRatherThanZero() {
        assertThat(prices.cost("mystery", 10, 10)).isNull();
        assertThat(prices.cost(null, 10, 10)).isNull();
    }

    @Test
    void aMalformedEntryIsNamed() {
        assertThatThrownBy(() -> PriceTable.parse("gpt-4o=cheap")).hasMessageContaining("gpt-4o=cheap");
        assertThatThrownBy(() -> PriceTable.parse("gpt-4o=1:-2")).hasMessageContaining("gpt-4o=1:-2");
    }
}
