package ai.aragora.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

class JsonProblemsTest {

    record Spec(String task, int rounds, List<String> agents, java.util.Map<String, Object> metadata) {
        Spec {
            if (task == null || task.isBlank()) {
                throw new IllegalArgumentException("task must not be empty");
            }
        }
    }

    private final ObjectMapper mapper = ApiJson.mapper();

    private String problem(String json) {
        return JsonProblems.describe(catchThrowableOfType(JsonProcessingException.class, () -> mapper.readValue(json, Spec.class)));
    }

    @Test
    void malformedJsonNamesLineAndColumn() {
        assertThat(problem("{\"task\": \"x\",\n \"rounds\": }")).startsWith("malformed JSON").contains("line 2");
    }

    @Test
    void wrongTypeNamesTheField() {
        assertThat(problem("{\"task\": \"x\", \"rounds\": \"three\"}"))
                .isEqualTo("field 'rounds' has the wrong type: expected an integer");
    }

    @Test
    void numericStringsAreNotCoerced() {
        assertThat(problem("{\"task\": \"x\", \"rounds\": \"3\"}")).contains("'rounds'");
    }

    @Test
    void fractionsAreNotTruncatedIntoIntegers() {
        assertThat(problem("{\"task\": \"x\", \"rounds\": 2.5}")).contains("'rounds'");
    }

    @Test
    void validationMessagesFromRecordConstructorsReachTheClient() {
        assertThat(problem("{\"task\": \" \", \"rounds\": 3}")).contains("task must not be empty");
    }

    @Test
    void hugeNumbersAreRejectedByTheParserLimits() {
        assertThat(problem("{\"task\": \"x\", \"rounds\": " + "9".repeat(500) + "}")).contains("limits");
    }

    @Test
    void deepNestingIsRejected() {
        String deep = "[".repeat(200) + "]".repeat(200);
        assertThat(problem("{\"task\": \"x\", \"metadata\": {\"a\": " + deep + "}}")).contains("limits");
    }

    @Test
    void trailingGarbageIsAnError() {
        assertThat(problem("{\"task\": \"x\", \"rounds\": 1} {}")).isNotEmpty();
    }

    @Test
    void arrayElementsAreAddressedByIndex() {
        assertThat(problem("{\"task\": \"x\", \"agents\": [\"a\", {}]}")).contains("agents[1]");
    }
}
