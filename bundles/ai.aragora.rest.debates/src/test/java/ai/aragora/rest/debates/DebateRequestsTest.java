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
    void aCallbackUrlIsCheckedByTheOutboundPolicyAndKeptWhereOnlyTheServerWritesIt() throws Exception {
        ai.aragora.api.webhook.OutboundPolicy policy = new ai.aragora.api.webhook.OutboundPolicy() {
            @Override
            public java.net.URI check(String url) {
                if (url.contains("10.0.0.1")) {
                    throw new ai.aragora.api.webhook.RefusedDestinationException("url host 10.0.0.1 resolves to a private address");
                }
                return java.net.URI.create(url);
            }

            @Override
            public ai.aragora.api.webhook.Destination resolve(String url) {
                return new ai.aragora.api.webhook.Destination(check(url), java.util.List.of(java.net.InetAddress.getLoopbackAddress()));
            }
        };
        DebateSpec spec = DebateRequests.parse(mapper.readTree(
                "{\"task\":\"x\",\"callback_url\":\"https://hooks.example.com/done\",\"metadata\":{\"callback_url\":\"http://10.0.0.1/\"}}"),
                "org-a", "u-1", policy);
        assertThat(spec.metadata()).containsEntry("callback_url", "https://hooks.example.com/done");

        JsonNode refused = mapper.readTree("{\"task\":\"x\",\"callback_url\":\"http://10.0.0.1/hook\"}");
        ValidationException e = catchThrowableOfType(ValidationException.class, () -> DebateRequests.parse(refused, "org-a", "u-1", policy));
        assertThat(e.errors()).extracting(FieldError::field, FieldError::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("callback_url", "url host 10.0.0.1 resolves to a private address"));

        ValidationException without = catchThrowableOfType(ValidationException.class, () -> DebateRequests.parse(
                mapper.readTree("{\"task\":\"x\",\"callback_url\":\"https://hooks.example.com/done\"}"), "org-a", "u-1"));
        assertThat(without.errors().get(0).message()).contains("webhooks bundle");
        assertThat(parse("{\"task\":\"x\",\"metadata\":{\"callback_url\":\"https://a.example/\"}}").metadata())
                .as("a client cannot place a callback past the check").doesNotContainKey("callback_url");
    }

    @Test
    void priorKnowledgeIsOnUnlessTheRequestTurnsItOff() throws Exception {
        assertThat(parse("{\"task\":\"x\"}").priorKnowledge()).isTrue();
        assertThat(parse("{\"task\":\"x\",\"prior_knowledge\":false}").priorKnowledge()).isFalse();
        assertThat(invalid("{\"task\":\"x\",\"prior_knowledge\":\"no\"}").errors()).extracting(FieldError::field)
                .containsExactly("prior_knowledge");
    }
}
