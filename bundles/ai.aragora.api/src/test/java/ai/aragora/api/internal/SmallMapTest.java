package ai.aragora.api.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SmallMapTest {

    @Test
    void equalsTheMapItCopiesInInsertionOrder() {
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("z", 1);
        source.put("a", "two");
        source.put("m", 3.5);
        Map<String, Object> copy = SmallMap.copyOf(source);
        assertThat(copy).isEqualTo(source).hasSameHashCodeAs(source).isEqualTo(Map.copyOf(source));
        assertThat(copy.keySet()).containsExactly("z", "a", "m");
        assertThat(copy.get("a")).isEqualTo("two");
        assertThat(copy.get("b")).isNull();
        assertThat(copy.get(null)).isNull();
        assertThat(copy.containsKey("m")).isTrue();
        assertThat(copy).hasToString("{z=1, a=two, m=3.5}");
    }

    @Test
    void cannotBeChanged() {
        Map<String, Object> copy = SmallMap.copyOf(Map.of("a", 1, "b", 2));
        assertThatThrownBy(() -> copy.put("c", 3)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> copy.remove("a")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(copy::clear).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> copy.entrySet().iterator().next().setValue(5)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> copy.keySet().remove("a")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(copy).hasSize(2);
    }

    @Test
    void rejectsNullsAsMapCopyOfDoes() {
        Map<String, Object> withNullValue = new HashMap<>();
        withNullValue.put("a", null);
        assertThatThrownBy(() -> SmallMap.copyOf(withNullValue)).isInstanceOf(NullPointerException.class);
        Map<String, Object> withNullKey = new HashMap<>();
        withNullKey.put(null, 1);
        assertThatThrownBy(() -> SmallMap.copyOf(withNullKey)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void largeAndEmptyMapsAreTheJdksAndACopyIsNotCopiedAgain() {
        Map<String, Object> large = new HashMap<>();
        for (int i = 0; i <= SmallMap.MAX; i++) {
            large.put("k" + i, i);
        }
        assertThat(SmallMap.copyOf(large)).isNotInstanceOf(SmallMap.class).isEqualTo(large);
        assertThat(SmallMap.copyOf(Map.of())).isSameAs(Map.of());
        Map<String, Object> small = SmallMap.copyOf(Map.of("a", 1));
        assertThat(SmallMap.copyOf(small)).isSameAs(small);
    }

    @Test
    void ofKeepsPairsInOrderAndRefusesWhatMapOfRefuses() {
        Map<String, Object> m = SmallMap.of("b", 1, "a", 0.5, "c", "x");
        assertThat(m).isEqualTo(Map.of("a", 0.5, "b", 1, "c", "x"));
        assertThat(m.keySet()).containsExactly("b", "a", "c");
        assertThat(SmallMap.copyOf(m)).isSameAs(m);
        assertThat(SmallMap.of()).isEmpty();
        assertThatThrownBy(() -> SmallMap.of("a", 1, "a", 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("duplicate key: a");
        assertThatThrownBy(() -> SmallMap.of("a", 1, "b")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pairs");
        assertThatThrownBy(() -> SmallMap.of("a", null)).isInstanceOf(NullPointerException.class);
        Object[] many = new Object[2 * (SmallMap.MAX + 1)];
        for (int i = 0; i < many.length; i += 2) {
            many[i] = "k" + i;
            many[i + 1] = i;
        }
        assertThat(SmallMap.<String, Object>of(many)).hasSize(SmallMap.MAX + 1).containsEntry("k4", 4)
                .isNotInstanceOf(SmallMap.class);
    }
}
