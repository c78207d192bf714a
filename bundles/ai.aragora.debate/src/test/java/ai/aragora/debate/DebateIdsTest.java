package ai.aragora.debate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class DebateIdsTest {

    private final DebateIds ids = new DebateIds();

    @Test
    void anIdIsAVersion7UuidCarryingItsCreationTime() {
        long at = 1_795_000_000_123L;
        UUID uuid = UUID.fromString(ids.next(at).substring("deb-".length()));
        assertThat(uuid.version()).isEqualTo(7);
        assertThat(uuid.variant()).isEqualTo(2);
        assertThat(uuid.getMostSignificantBits() >>> 16).isEqualTo(at);
    }

    @Test
    void laterIdsSortAfterEarlierOnesAndNoneRepeat() {
        String earlier = ids.next(1_795_000_000_000L);
        String later = ids.next(1_795_000_000_001L);
        assertThat(later).isGreaterThan(earlier);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            assertThat(seen.add(ids.next(1_795_000_000_000L))).isTrue();
        }
    }
}
