package ai.aragora.storage.jdbc.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import ai.aragora.api.knowledge.Provenance;
import ai.aragora.storage.jdbc.StorageException;

class IsoInstantsTest {

    @Test
    void itWritesAndReadsWhatTheJdkDoesForAnyInstant() {
        SplittableRandom random = new SplittableRandom(7);
        long min = Instant.parse("-0500-01-01T00:00:00Z").getEpochSecond();
        long max = Instant.parse("+12000-01-01T00:00:00Z").getEpochSecond();
        for (int i = 0; i < 200_000; i++) {
            int nano = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant t = Instant.ofEpochSecond(random.nextLong(min, max), nano);
            String text = IsoInstants.format(t);
            assertThat(text).isEqualTo(t.toString());
            assertThat(IsoInstants.parse(text)).isEqualTo(t);
        }
    }

    @Test
    void itReadsEveryFractionLengthAndLeavesTheRestToTheJdk() {
        for (String s : List.of("2026-12-06T19:13:01Z", "2026-12-06T19:13:01.5Z", "2026-12-06T19:13:01.12Z", "2026-12-06T19:13:01.1234Z",
                "2026-12-06T19:13:01.12345678Z", "2026-12-06T19:13:01.123456789Z", "2024-02-29T00:00:00Z", "2026-12-06T19:13:01+01:00",
                "2026-12-31T23:59:60Z", "2026-12-06T24:00:00Z", "2026-12-06T19:13:01.Z", "+10000-01-01T00:00:00Z")) {
            assertThat(IsoInstants.parse(s)).as(s).isEqualTo(Instant.parse(s));
        }
        for (String bad : List.of("2026-02-30T00:00:00Z", "2026-13-01T00:00:00Z", "2026-12-06T25:00:00Z",
                "2026-12-06T19:13:01.1234567890Z", "2026-1a-06T19:13:01Z", "yesterday")) {
            assertThatThrownBy(() -> IsoInstants.parse(bad)).as(bad).isInstanceOf(DateTimeParseException.class);
        }
    }

    @Test
    void storedDocumentsKeepTheirInstantsAndABadOneIsAClearError() {
        Provenance p = Provenance.ofDebate("consensus", "d1", "r1", Instant.parse("2026-12-06T19:13:01.123456Z"));
        String json = JsonCodec.write(p);

        assertThat(json).contains("\"at\":\"2026-12-06T19:13:01.123456Z\"");
        assertThat(JsonCodec.read(json, Provenance.class)).isEqualTo(p);
        assertThat(JsonCodec.read(json.replace("\"2026-12-06T19:13:01.123456Z\"", p.at().getEpochSecond() + ".123456000"), Provenance.class).at())
                .as("a number, as Jackson reads it").isEqualTo(p.at());
        assertThatThrownBy(() -> JsonCodec.read(json.replace("2026-12-06T", "2026-02-30T"), Provenance.class))
                .isInstanceOf(StorageException.class).hasMessageContaining("Provenance");
    }
}
