package ai.aragora.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import ai.aragora.api.decision.Priority;

class PriorityLineTest {

    private static final long SECOND = 1_000_000_000L;

    private final PriorityLine<String> line = new PriorityLine<>(60 * SECOND, 30 * SECOND, 15 * SECOND);

    @Test
    void higherPrioritiesStartFirstAndEachInArrivalOrder() {
        line.add("low-1", Priority.LOW, 0);
        line.add("normal-1", Priority.NORMAL, 1);
        line.add("high-1", Priority.HIGH, 2);
        line.add("normal-2", Priority.NORMAL, 3);
        line.add("urgent-1", Priority.URGENT, 4);
        line.add("high-2", Priority.HIGH, 5);

        assertThat(drain(10)).containsExactly("urgent-1", "high-1", "high-2", "normal-1", "normal-2", "low-1");
        assertThat(line.next(10)).isNull();
    }

    @Test
    void aLowDecisionPastItsAgingBoundGoesBeforeFreshHighOnesButNotBeforeUrgentOnes() {
        line.add("low-old", Priority.LOW, 0);
        for (int i = 0; i < 5; i++) {
            line.add("high-" + i, Priority.HIGH, 61 * SECOND);
        }
        line.add("urgent", Priority.URGENT, 61 * SECOND);

        assertThat(line.next(61 * SECOND)).isEqualTo("urgent");
        assertThat(line.next(61 * SECOND)).as("waited 61 s, bound 60 s").isEqualTo("low-old");
        assertThat(line.next(61 * SECOND)).isEqualTo("high-0");
    }

    @Test
    void withinItsBoundALowDecisionWaitsBehindEveryOther() {
        line.add("low", Priority.LOW, 0);
        line.add("normal", Priority.NORMAL, 10 * SECOND);
        assertThat(line.next(59 * SECOND)).isEqualTo("normal");
        assertThat(line.next(59 * SECOND)).isEqualTo("low");
    }

    @Test
    void amongOverdueDecisionsTheFurthestPastItsBoundGoesFirst() {
        line.add("low", Priority.LOW, 0);
        line.add("normal", Priority.NORMAL, 0);
        // at 70 s: low is 10 s past its bound, normal 40 s past its own
        assertThat(line.next(70 * SECOND)).isEqualTo("normal");
        assertThat(line.next(70 * SECOND)).isEqualTo("low");
    }

    @Test
    void aCancelledDecisionLeavesTheLine() {
        line.add("a", Priority.NORMAL, 0);
        line.add("b", Priority.NORMAL, 0);
        assertThat(line.remove("a")).isTrue();
        assertThat(line.remove("a")).isFalse();
        assertThat(line.size()).isEqualTo(1);
        assertThat(line.waiting(Priority.NORMAL)).isEqualTo(1);
        assertThat(line.next(0)).isEqualTo("b");
    }

    private java.util.List<String> drain(long now) {
        java.util.List<String> order = new java.util.ArrayList<>();
        for (String s = line.next(now); s != null; s = line.next(now)) {
            order.add(s);
        }
        return order;
    }
}
