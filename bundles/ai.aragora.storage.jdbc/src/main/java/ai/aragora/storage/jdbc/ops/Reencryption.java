package ai.aragora.storage.jdbc.ops;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import ai.aragora.api.crypto.EncryptedFieldSource;
import ai.aragora.api.crypto.EncryptedFieldSource.Reseal;
import ai.aragora.api.crypto.EncryptionException;
import ai.aragora.api.crypto.Envelope;
import ai.aragora.api.crypto.FieldEncryption;
import ai.aragora.api.crypto.StoredField;
import io.prometheus.client.Collector;
import io.prometheus.client.Counter;

/**
 * Walks a source in batches: plaintext gets sealed and fields under other keys re-sealed with
 * the active key; fields already under it are left alone. Each batch is replaced in one atomic
 * write that skips fields changed meanwhile, so a run killed anywhere loses nothing, and a rerun
 * continues with what is left: nothing is sealed twice, because a sealed field is never
 * plaintext again. A dry run reads and opens everything (so a field no configured key opens is
 * found) but seals nothing.
 */
final class Reencryption {

    /**
     * What a run did, or in a dry run would do; {@code missingKeys} are the key ids of fields no
     * configured key opens, in order.
     */
    record Outcome(String source, long fields, long sealed, long resealed, long current, long changedMeanwhile,
            Map<String, Long> failed, List<String> missingKeys) {

        long failures() {
            return failed.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** The runbook's migration metrics. */
    static final class Metrics {
        final Counter records = Counter.build().name("aragora_migration_records_total")
                .help("Fields an encryption migration processed, by store and status (migrated, skipped, failed)")
                .labelNames("store", "status").create();
        final Counter errors = Counter.build().name("aragora_migration_errors_total")
                .help("Fields an encryption migration could not process, by store and error type")
                .labelNames("store", "error_type").create();

        List<Collector> collectors() {
            return List.of(records, errors);
        }
    }

    private final FieldEncryption encryption;
    private final int batch;
    private final Counter records;
    private final Counter errors;

    Reencryption(FieldEncryption encryption, int batch, Metrics metrics) {
        this.encryption = encryption;
        this.batch = Math.max(1, batch);
        this.records = metrics.records;
        this.errors = metrics.errors;
    }

    Outcome run(EncryptedFieldSource source, boolean execute, PrintStream progress) {
        String active = encryption.activeKeyId();
        Tally t = new Tally(source.name());
        long lastLine = System.nanoTime() - 2_000_000_000L;
        String cursor = null;
        do {
            EncryptedFieldSource.Batch page = source.fields(cursor, batch);
            List<Reseal> reseals = new ArrayList<>();
            for (StoredField field : page.fields()) {
                t.fields++;
                plan(field, active, t).ifPresent(plaintext -> {
                    if (execute) {
                        reseals.add(new Reseal(field, encryption.encrypt(plaintext, field.context())));
                    }
                });
            }
            if (!reseals.isEmpty()) {
                int replaced = source.replace(reseals);
                t.changedMeanwhile += reseals.size() - replaced;
                records.labels(source.name(), "migrated").inc(replaced);
            }
            cursor = page.next();
            long now = System.nanoTime();
            if (cursor == null || now - lastLine > 1_000_000_000L) {
                progress.println(line(t, execute));
                lastLine = now;
            }
        } while (cursor != null);
        records.labels(source.name(), "skipped").inc(t.current + t.changedMeanwhile);
        return new Outcome(source.name(), t.fields, t.sealed, t.resealed, t.current, t.changedMeanwhile, Map.copyOf(t.failed),
                List.copyOf(t.missingKeys));
    }

    /** The plaintext to seal, or empty when the field is current or cannot be read. */
    private Optional<String> plan(StoredField field, String active, Tally t) {
        try {
            Optional<Envelope> envelope = Envelope.from(field.stored());
            if (envelope.isEmpty()) {
                if (!(field.stored() instanceof String plaintext)) {
                    fail(t, "not_text");
                    return Optional.empty();
                }
                t.sealed++;
                return Optional.of(plaintext);
            }
            if (envelope.get().keyId().equals(active)) {
                t.current++;
                return Optional.empty();
            }
            String plaintext = encryption.decrypt(envelope.get(), field.context());
            t.resealed++;
            return Optional.of(plaintext);
        } catch (EncryptionException e) {
            if (e.kind() == EncryptionException.Kind.UNKNOWN_KEY) {
                e.keyId().ifPresent(t.missingKeys::add);
            }
            fail(t, e.kind().label());
            return Optional.empty();
        }
    }

    private void fail(Tally t, String type) {
        t.failed.merge(type, 1L, Long::sum);
        records.labels(t.source, "failed").inc();
        errors.labels(t.source, type).inc();
    }

    private static String line(Tally t, boolean execute) {
        return t.source + ": " + t.fields + " fields read, " + t.sealed + " plaintext " + (execute ? "sealed" : "to seal") + ", "
                + t.resealed + " under old keys " + (execute ? "re-sealed" : "to re-seal") + ", " + t.current
                + " already current, " + t.failed.values().stream().mapToLong(Long::longValue).sum() + " unreadable";
    }

    private static final class Tally {
        final String source;
        long fields;
        long sealed;
        long resealed;
        long current;
        long changedMeanwhile;
        final Map<String, Long> failed = new TreeMap<>();
        final Set<String> missingKeys = new TreeSet<>();

        Tally(String source) {
            this.source = source;
        }
    }
}
