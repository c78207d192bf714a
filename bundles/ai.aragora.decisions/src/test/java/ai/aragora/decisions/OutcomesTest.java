package ai.aragora.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import ai.aragora.api.debate.DebateSpec;

class OutcomesTest {

    private static Fakes.Handle decided() {
        Fakes.Handle h = new Fakes.Handle("deb-1", DebateSpec.builder("q").build());
        h.decide("Yes", "rcpt-1");
        return h;
    }

    @Test
    void theCruxesAreWhatTheSignedReceiptStates() throws Exception {
        JsonNode receipt = StoredRequests.JSON.readTree("{\"cruxes\":{\"status\":\"present\",\"items\":[{\"decided\":\"a\"}]}}");
        Map<String, Object> result = Outcomes.of(decided().result.join(), receipt);
        @SuppressWarnings("unchecked")
        Map<String, Object> explanation = (Map<String, Object>) result.get("explanation");
        assertThat(explanation.get("cruxes")).isEqualTo(Map.of("status", "present", "items", List.of(Map.of("decided", "a"))));
        assertThat((String) explanation.get("narrative")).startsWith("demo-supportive's answer was chosen");
        assertThat(result).containsEntry("answer", "Yes").containsEntry("debate_id", "deb-1");
    }

    @Test
    void withoutAReceiptTheCruxesAreAbsentWithTheReason() {
        @SuppressWarnings("unchecked")
        Map<String, Object> explanation = (Map<String, Object>) Outcomes.of(decided().result.join(), null).get("explanation");
        assertThat(explanation.get("cruxes")).isEqualTo(Map.of("status", "absent", "reason", "no receipt was issued"));
    }

    @Test
    void theKnowledgeUsedIsTheDebatesPriorKnowledge() {
        ai.aragora.api.debate.DebateResult r = decided().result.join();
        ai.aragora.api.debate.DebateResult informed = new ai.aragora.api.debate.DebateResult(r.id(), r.spec(), r.status(),
                r.finalAnswer(), r.consensus(), r.verdict(), r.roundsUsed(), r.durationSeconds(), r.participants(), r.winner(),
                r.dissentingViews(), r.messages(), r.critiques(), r.votes(), r.baseline(), r.convergence(),
                r.tricksterInterventions(), r.failures(), r.usage(), r.createdAt(), r.completedAt(), r.receiptId(),
                List.of("km-1", "km-2"));
        @SuppressWarnings("unchecked")
        Map<String, Object> explanation = (Map<String, Object>) Outcomes.of(informed, null).get("explanation");
        assertThat(explanation.get("knowledge_used")).isEqualTo(List.of("km-1", "km-2"));
    }
}
