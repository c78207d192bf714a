package ai.aragora.rest.decisions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import ai.aragora.api.debate.ConsensusMode;
import ai.aragora.api.decision.DecisionRequest;
import ai.aragora.api.decision.DecisionType;
import ai.aragora.api.decision.Priority;

class DecisionBodiesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text.replace('\'', '"'));
    }

    private static DecisionBodies.BadFields refused(JsonNode body) {
        return (DecisionBodies.BadFields) org.assertj.core.api.Assertions.catchThrowable(() -> DecisionBodies.parse(body, "org", "u"));
    }

    @Test
    void aFullBodyBecomesARequestOfTheCallersOrg() throws Exception {
        DecisionRequest r = DecisionBodies.parse(json("{'input':'Ship?','decision_type':'GAUNTLET','priority':'urgent',"
                + "'context':{'team':'a'},'config':{'agents':'demo-critical, demo-balanced','rounds':2,'consensus':'unanimous',"
                + "'seed':9},'callback_url':'https://x.test/cb','workspace_id':'ws-9','use_cache':false}"), "org-1", "u-1");
        assertThat(r.input()).isEqualTo("Ship?");
        assertThat(r.type()).isEqualTo(DecisionType.GAUNTLET);
        assertThat(r.priority()).isEqualTo(Priority.URGENT);
        assertThat(r.context()).isEqualTo("{\"team\":\"a\"}");
        assertThat(r.agents()).containsExactly("demo-critical", "demo-balanced");
        assertThat(r.rounds()).isEqualTo(2);
        assertThat(r.consensus()).isEqualTo(ConsensusMode.UNANIMOUS);
        assertThat(r.seed()).isEqualTo(9);
        assertThat(r.callbackUrl()).isEqualTo("https://x.test/cb");
        assertThat(r.workspace()).isEqualTo("ws-9");
        assertThat(r.useCache()).isFalse();
        assertThat(r.orgId()).isEqualTo("org-1");
        assertThat(r.createdBy()).isEqualTo("u-1");
    }

    @Test
    void defaultsAreADebateAtNormalPriorityInTheOrgsWorkspaceFromTheCache() throws Exception {
        DecisionRequest r = DecisionBodies.parse(json("{'input':'Ship?'}"), "org-1", null);
        assertThat(r.type()).isEqualTo(DecisionType.DEBATE);
        assertThat(r.priority()).isEqualTo(Priority.NORMAL);
        assertThat(r.workspace()).isEqualTo("org-1");
        assertThat(r.useCache()).isTrue();
        assertThat(r.agents()).isEmpty();
    }

    @Test
    void unknownTypesAndPrioritiesAreNamedTogether() throws Exception {
        DecisionBodies.BadFields bad = refused(json("{'input':'x','decision_type':'workflow','priority':'asap'}"));
        assertThat(bad.errors).containsOnlyKeys("decision_type", "priority");
        assertThat(bad.errors.get("decision_type")).contains("debate, quick, gauntlet", "'workflow'");
        assertThat(bad.errors.get("priority")).contains("low, normal, high, urgent");
    }

    @Test
    void anEmptyMissingOrOversizedInputIsNamed() throws Exception {
        assertThat(refused(json("{'input':'   '}")).errors).containsOnlyKeys("input");
        assertThat(refused(json("{'decision_type':'quick'}")).errors).containsEntry("input", "is required");
        ObjectNode big = JSON.createObjectNode().put("input", "x".repeat(100 * 1024));
        DecisionBodies.BadFields tooBig = refused(big);
        assertThat(tooBig.errors).containsOnlyKeys("input");
        assertThat(tooBig.getMessage()).startsWith("input must be at most 10000 characters, got 102400");
        assertThat(refused(json("{'input':1}")).errors).containsEntry("input", "must be a string");
    }

    @Test
    void malformedConfigFieldsAreNamedUnderConfig() throws Exception {
        assertThat(refused(json("{'input':'x','config':{'rounds':'three','agents':[1],'seed':1.5,'consensus':'most'}}")).errors)
                .containsOnlyKeys("config.rounds", "config.agents", "config.seed", "config.consensus");
        assertThat(refused(json("{'input':'x','use_cache':'no'}")).errors).containsOnlyKeys("use_cache");
        assertThat(refused(json("[1]")).errors).containsOnlyKeys("body");
        assertThatThrownBy(() -> DecisionBodies.parse(null, "o", "u")).isInstanceOf(DecisionBodies.BadFields.class);
    }

    @Test
    void aMessageThatStartsWithItsFieldIsFiledUnderIt() {
        assertThat(DecisionBodies.BadFields.of("callback_url: private addresses are refused").errors)
                .containsOnlyKeys("callback_url");
        assertThat(DecisionBodies.BadFields.of("config.agents: unknown agent x").errors).containsOnlyKeys("config.agents");
        assertThat(DecisionBodies.BadFields.of("Something else").errors).containsOnlyKeys("body");
    }
}
