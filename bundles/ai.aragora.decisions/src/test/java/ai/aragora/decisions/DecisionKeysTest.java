package ai.aragora.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import ai.aragora.api.decision.DecisionRequest;
import ai.aragora.api.decision.DecisionType;

class DecisionKeysTest {

    private static final List<String> AGENTS = List.of("a", "b");
    private static final Map<String, String> V1 = Map.of("a", "1.0.0", "b", "1.0.0");

    private static DecisionRequest request(String input, DecisionType type, String workspace) {
        return new DecisionRequest(input, type, null, null, AGENTS, 0, null, 0, null, "org-1", workspace, true, null);
    }

    private static String key(DecisionRequest r, String policy, Map<String, String> versions) {
        return DecisionKeys.key(r, AGENTS, 3, "majority", policy, versions);
    }

    @Test
    void inputsThatDifferOnlyInSpacingAreTheSameDecision() {
        String a = key(request("Should we  ship\n on Friday? ", DecisionType.DEBATE, null), "1", V1);
        String b = key(request("Should we ship on Friday?", DecisionType.DEBATE, null), "1", V1);
        assertThat(a).isEqualTo(b).startsWith("dk-").doesNotContain("Friday");
        assertThat(key(request("should we ship on friday?", DecisionType.DEBATE, null), "1", V1)).as("case can change meaning")
                .isNotEqualTo(a);
    }

    @Test
    void typeWorkspacePolicyAndAgentVersionsEachMakeAnotherDecision() {
        DecisionRequest base = request("q", DecisionType.DEBATE, "ws-1");
        String key = key(base, "1", V1);
        assertThat(key(request("q", DecisionType.GAUNTLET, "ws-1"), "1", V1)).isNotEqualTo(key);
        assertThat(key(request("q", DecisionType.DEBATE, "ws-2"), "1", V1)).isNotEqualTo(key);
        assertThat(key(base, "2", V1)).isNotEqualTo(key);
        assertThat(key(base, "1", Map.of("a", "1.0.1", "b", "1.0.0"))).isNotEqualTo(key);
        assertThat(DecisionKeys.key(base, AGENTS, 2, "majority", "1", V1)).isNotEqualTo(key);
        assertThat(key(base, "1", Map.of("b", "1.0.0", "a", "1.0.0"))).isEqualTo(key);
    }
}
