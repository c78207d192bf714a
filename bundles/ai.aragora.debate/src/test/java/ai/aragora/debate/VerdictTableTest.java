package ai.aragora.debate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import ai.aragora.api.debate.Verdict;

class VerdictTableTest {

    @ParameterizedTest(name = "reached={0} confidence={1} dissent={2} -> {3}")
    @CsvSource({
        "false, 0.39, false, REJECTED",
        "false, 0.00, true,  REJECTED",
        "false, 0.40, false, NEEDS_REVIEW",
        "false, 0.95, true,  NEEDS_REVIEW",
        "true,  0.95, true,  APPROVED_WITH_CONDITIONS",
        "true,  0.80, false, APPROVED",
        "true,  1.00, false, APPROVED",
        "true,  0.79, false, APPROVED_WITH_CONDITIONS",
        "true,  0.30, false, APPROVED_WITH_CONDITIONS",
    })
    void theVerdictTable(boolean reached, double confidence, boolean dissent, Verdict expected) {
        assertThat(VerdictTable.verdict(reached, confidence, dissent)).isEqualTo(expected);
    }
}
