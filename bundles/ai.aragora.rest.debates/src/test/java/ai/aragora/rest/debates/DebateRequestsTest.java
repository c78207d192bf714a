package ai.aragora.rest.debates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.aragora.api.debate.ConsensusMode;
import ai.aragora.api.debate.DebateSpec;

class DebateRequestsTest {

    private final ObjectMapper mapper = new ObjectMapper();

    private DebateSpec parse(String json) throws Exception {
        return DebateRequests.parse(mapper.readTree(json), "org-a", "u-1");
    }

    private ValidationException invalid(String json) throws Exception {
        JsonNode body = mapper.readTree(json);
        return catchThrowableOfType(ValidationException.class, () -> DebateRequests.parse(body, "org-a", "u-1"));
    }

    @Test
    void acceptsTheMinimalRequestWithTheDefaults() throws Exception {
        DebateSpec spec = parse("{\"task\":\"Should we ship?\"}");
        assertThat(spec.agents()).isEqualTo(DebateSpec.DEFAULT_AGENTS);
        assertThat(spec.rounds()).isEqualTo(3);
        assertThat(spec.consensus()).isEqualTo(ConsensusMode.MAJORITY);
        assertThat(spec.orgId()).isEqualTo("org-a");
        assertThat(spec.metadata()).containsEntry("created_by", "u-1");
    }

    @Test
    void acceptsQuestionAndCommaSeparatedAgents() throws Exception {
        DebateSpec spec = parse("{\"question\":\"Q?\",\"agents\":\"demo-critical, demo-balanced\",\"rounds\":2,\"consensus\":\"unanimous\"}");
        assertThat(spec.task()).isEqualTo("Q?");
        assertThat(spec.agents()).containsExactly("demo-critical", "demo-balanced");
        assertThat(spec.consensus()).isEqualTo(ConsensusMode.UNANIMOUS);
    }

    @Test
    void reportsEveryBadFieldAtOnce() throws Exception {
        ValidationException e = invalid("{\"task\": 42, \"rounds\": \"3\", \"consensus\": \"mob\", \"agents\": {}}");
        assertThat(e.errors()).extracting(FieldError::field).containsExactlyInAnyOrder("task", "rounds", "consensus", "agents");
    }

    @Test
    void limitsFromTheSpecNameTheField() throws Exception {
        assertThat(invalid("{\"task\":\"x\",\"rounds\":13}").errors()).extracting(FieldError::field).containsExactly("rounds");
        assertThat(invalid("{\"task\":\"x\",\"agents\":[\"only-one\"]}").errors()).extracting(FieldError::field).containsExactly("agents");
        assertThat(invalid("{\"task\":\"" + "x".repeat(10_001) + "\"}").errors()).extracting(FieldError::field).containsExactly("task");
        assertThat(invalid("{\"task\":\"nul\\u0000\"}").getMessage()).contains("NUL");
        assertThat(invalid("{}").errors()).extracting(FieldError::message).containsExactly("is required");
        assertThat(invalid("[]").errors()).extracting(FieldError::field).containsExactly("body");
    }

    @Test
    void clientsCannotClaimToBeSomeoneElse() throws Exception {
        DebateSpec spec = parse("{\"task\":\"x\",\"metadata\":{\"created_by\":\"admin\",\"domain\":\"security\"}}");
        assertThat(spec.metadata()).containsEntry("created_by", "u-1").containsEntry("domain", "security");
    }

    @Test
    void metadataMustBeFlat() throws Exception {
        assertThat(invalid("{\"task\":\"x\",\"metadata\":{\"a\":{\"b\":1}}}").errors()).extracting(FieldError::field)
                .containsExactly("metadata.a");
    }

    @Test
    void hugeNumbersAreWrongTypesNotOverflows() throws Exception {
        assertThat(invalid("{\"task\":\"x\",\"rounds\":99999999999999999999}").errors()).extracting(FieldError::field)
                .containsExactly("rounds");
    }

    @Test
    void priorKnowledgeIsOnUnlessTheRequestTurnsItOff() throws Exception {
        assertThat(parse("{\"task\":\"x\"}").priorKnowledge()).isTrue();
        assertThat(parse("{\"task\":\"x\",\"prior_knowledge\":false}").priorKnowledge()).isFalse();
        assertThat(invalid("{\"task\":\"x\",\"prior_knowledge\":\"no\"}").errors()).extracting(FieldError::field)
                .containsExactly("prior_knowledge");
    }
}
