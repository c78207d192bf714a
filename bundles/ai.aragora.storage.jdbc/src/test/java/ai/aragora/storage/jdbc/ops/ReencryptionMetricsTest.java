package ai.aragora.storage.jdbc.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import ai.aragora.api.crypto.EncryptedFieldSource;
import ai.aragora.api.crypto.FieldContext;
import ai.aragora.api.crypto.StoredField;
import ai.aragora.storage.jdbc.TestFieldEncryption;
import io.prometheus.client.CollectorRegistry;

/** The runbook's migration metrics as a run leaves them: fields by store and status, errors by type. */
class ReencryptionMetricsTest {

    /** One record of four fields: plaintext, under an old key, under the active key, under a key gone. */
    private static final class FourFields implements EncryptedFieldSource {
        final List<StoredField> fields = new ArrayList<>();

        FourFields(TestFieldEncryption old, TestFieldEncryption active, TestFieldEncryption gone) {
            fields.add(new StoredField(context("plain"), "p", "r1"));
            fields.add(new StoredField(context("old"), old.encrypt("o", context("old")).toMap(), "r1"));
            fields.add(new StoredField(context("current"), active.encrypt("c", context("current")).toMap(), "r1"));
            fields.add(new StoredField(context("gone"), gone.encrypt("g", context("gone")).toMap(), "r1"));
        }

        private static FieldContext context(String field) {
            return new FieldContext("things", "r1", field);
        }

        @Override
        public String name() {
            return "things";
        }

        @Override
        public Batch fields(String cursor, int records) {
            return new Batch(cursor == null ? fields : List.of(), null);
        }

        @Override
        public int replace(List<Reseal> reseals) {
            return reseals.size();
        }
    }

    @Test
    void migratedSkippedAndFailedFieldsAreCountedByStoreAndErrorsByType() {
        TestFieldEncryption provider = new TestFieldEncryption("knew", "kold");
        FourFields source = new FourFields(new TestFieldEncryption("kold"), provider, new TestFieldEncryption("kgone"));
        Reencryption.Metrics metrics = new Reencryption.Metrics();
        CollectorRegistry registry = new CollectorRegistry();
        metrics.collectors().forEach(registry::register);

        Reencryption.Outcome o = new Reencryption(provider, 10, metrics).run(source, true,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

        assertThat(o.missingKeys()).containsExactly("kgone");
        assertThat(sample(registry, "aragora_migration_records_total", "store", "things", "status", "migrated")).isEqualTo(2.0);
        assertThat(sample(registry, "aragora_migration_records_total", "store", "things", "status", "skipped")).isEqualTo(1.0);
        assertThat(sample(registry, "aragora_migration_records_total", "store", "things", "status", "failed")).isEqualTo(1.0);
        assertThat(sample(registry, "aragora_migration_errors_total", "store", "things", "error_type", "unknown_key")).isEqualTo(1.0);
    }

    private static Double sample(CollectorRegistry registry, String name, String label1, String value1, String label2, String value2) {
        return registry.getSampleValue(name, new String[] {label1, label2}, new String[] {value1, value2});
    }
}
