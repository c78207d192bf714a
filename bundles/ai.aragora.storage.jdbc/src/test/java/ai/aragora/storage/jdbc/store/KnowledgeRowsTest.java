package ai.aragora.storage.jdbc.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import ai.aragora.api.knowledge.Provenance;
import ai.aragora.storage.jdbc.StorageException;

class KnowledgeRowsTest {

    private static Provenance provenance(int i) {
        return new Provenance("d" + i, i % 2 == 0 ? null : "r{" + i + "]\"", "agent, \"x\"", i % 4, "consensus",
                Instant.ofEpochSecond(1_765_000_000L + i, i * 1000));
    }

    @Test
    void appendingKeepsTheLatestEntriesAsBindingTheWholeListWould() {
        for (int existing = 0; existing <= 55; existing++) {
            List<Provenance> old = new ArrayList<>();
            for (int i = 0; i < existing; i++) {
                old.add(provenance(i));
            }
            List<Provenance> expected = new ArrayList<>(old);
            expected.add(provenance(existing));
            expected = expected.subList(Math.max(0, expected.size() - 50), expected.size());

            String trimmed = KnowledgeRows.appendProvenance(JsonCodec.write(old), JsonCodec.write(provenance(existing)), 50, true);
            String appended = KnowledgeRows.appendProvenance(JsonCodec.write(old), JsonCodec.write(provenance(existing)), 50, false);

            assertThat(KnowledgeRows.provenance(trimmed)).as(existing + " existing").isEqualTo(expected);
            assertThat(trimmed).isEqualTo(JsonCodec.write(expected));
            assertThat(KnowledgeRows.provenance(appended)).as("read as the latest 50").isEqualTo(expected);
            List<Provenance> all = new ArrayList<>(old);
            all.add(provenance(existing));
            assertThat(appended).isEqualTo(JsonCodec.write(all));
        }
        assertThat(KnowledgeRows.appendProvenance(" [ {\"at\":\"2026-01-01T00:00:00Z\"} ] ", "{}", 50, true))
                .isEqualTo("[{\"at\":\"2026-01-01T00:00:00Z\"},{}]");
        assertThat(KnowledgeRows.appendProvenance(" [ ] ", "{}", 50, false)).isEqualTo(" [{}]");
    }

    @Test
    void provenanceIsReadAsBindingReadsItWithEveryComponentAndUnknownMembersSkipped() {
        List<Provenance> all = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            all.add(provenance(i));
        }
        all.add(new Provenance(null, null, null, 0, null, Instant.parse("2026-01-01T00:00:00Z")));
        String json = JsonCodec.write(all);
        assertThat(Provenance.class.getRecordComponents()).as("a component added to Provenance must be read here too")
                .extracting(c -> c.getName()).containsExactly("debateId", "receiptId", "agent", "round", "adapter", "at");

        assertThat(KnowledgeRows.provenance(json)).isEqualTo(all).isEqualTo(List.of(JsonCodec.read(json, Provenance[].class)));
        String newer = json.replace("\"round\":1,", "\"round\":1,\"weight\":{\"x\":[1,2]},");
        assertThat(KnowledgeRows.provenance(newer)).isEqualTo(all);
        assertThat(KnowledgeRows.provenance("[]")).isEmpty();
    }

    @Test
    void aStoredValueThatIsNoArrayIsAClearError() {
        assertThatThrownBy(() -> KnowledgeRows.provenance("{}")).isInstanceOf(StorageException.class);
        assertThatThrownBy(() -> KnowledgeRows.provenance("[1]")).isInstanceOf(StorageException.class);
        assertThatThrownBy(() -> KnowledgeRows.provenance("[{\"adapter\":\"x\"}]")).as("no time").isInstanceOf(StorageException.class);
        assertThatThrownBy(() -> KnowledgeRows.provenance("[{\"at\":\"2026-02-30T00:00:00Z\"}]")).isInstanceOf(StorageException.class);
        assertThatThrownBy(() -> KnowledgeRows.provenance("[{\"at\":\"2026-01-01T00:00:00Z\",\"round\":-1}]"))
                .isInstanceOf(StorageException.class);
        for (boolean trim : new boolean[] {true, false}) {
            assertThatThrownBy(() -> KnowledgeRows.appendProvenance("{}", "{}", 50, trim)).isInstanceOf(StorageException.class)
                    .hasMessageContaining("not a JSON array");
            assertThatThrownBy(() -> KnowledgeRows.appendProvenance("null", "{}", 50, trim)).isInstanceOf(StorageException.class);
        }
        assertThatThrownBy(() -> KnowledgeRows.appendProvenance("[{}", "{}", 50, true)).isInstanceOf(StorageException.class);
        assertThatThrownBy(() -> KnowledgeRows.appendProvenance("[{\"a\":\"]}\"", "{}", 50, true)).as("ends inside a string")
                .isInstanceOf(StorageException.class);
    }
}
