package ai.aragora.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void parsesNestedValues() {
        Object v = Json.parse("{\"a\": [1, 2.5, true, null, \"x\\u00e9\\n\"], \"b\": {}}");
        assertThat(v).isEqualTo(Map.of("a", java.util.Arrays.asList(1L, new BigDecimal("2.5"), true, null, "x\u00e9\n"), "b", Map.of()));
    }

    @Test
    void keepsKeyOrder() {
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) Json.parse("{\"z\": 1, \"a\": 2, \"m\": 3}");
        assertThat(map.keySet()).containsExactly("z", "a", "m");
    }

    @Test
    void bigIntegersDoNotOverflow() {
        assertThat(Json.parse("123456789012345678901234567890")).isEqualTo(new BigDecimal("123456789012345678901234567890"));
    }

    @Test
    void reportsWhereTheErrorIs() {
        assertThatThrownBy(() -> Json.parse("{\n  \"a\": ,\n}")).hasMessageContaining("line 2, column 8");
    }

    @Test
    void rejectsDuplicateKeysTrailingContentAndBadEscapes() {
        assertThatThrownBy(() -> Json.parse("{\"a\":1,\"a\":2}")).hasMessageContaining("duplicate key");
        assertThatThrownBy(() -> Json.parse("[] []")).hasMessageContaining("trailing");
        assertThatThrownBy(() -> Json.parse("\"\\q\"")).hasMessageContaining("bad escape");
        assertThatThrownBy(() -> Json.parse("[1,]")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Json.parse("\"unterminated")).hasMessageContaining("end of input");
        assertThatThrownBy(() -> Json.parse("-")).hasMessageContaining("digit");
    }

    @Test
    void emptyContainers() {
        assertThat(Json.parse("[]")).isEqualTo(List.of());
        assertThat(Json.parse(" { } ")).isEqualTo(Map.of());
    }
}
