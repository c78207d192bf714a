package ai.aragora.api.crypto;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A store that keeps sealed fields, registered as a service with the {@value #NAME} property so
 * that {@code aragora encrypt-existing} can seal its plaintext and re-seal fields under old keys,
 * and {@code aragora encryption status} can count them, without knowing the store.
 */
@ConsumerType
public interface EncryptedFieldSource {

    /** Service property: the source's name as the command's option says it, e.g. {@code integration-store}. */
    String NAME = "aragora.encryption.source";

    /** Same as the {@value #NAME} property. */
    String name();

    /**
     * The sealed fields of up to {@code records} records.
     *
     * @param next where the listing resumes, null after the last record
     */
    record Batch(List<StoredField> fields, String next) {

        public Batch {
            fields = List.copyOf(fields);
        }
    }

    /**
     * The sealed fields of up to {@code records} records after {@code cursor} (null: from the
     * start), in a stable order, so that a walk interrupted anywhere resumes where it stopped.
     */
    Batch fields(String cursor, int records);

    /** A field and the envelope to store in its place. */
    record Reseal(StoredField field, Envelope envelope) {
    }

    /**
     * Stores each envelope in its field's place if the field still holds what was read, each
     * atomically; a field that changed (or went) since it was read is left as it is.
     *
     * @return how many were replaced
     */
    int replace(List<Reseal> reseals);

    /** Counts by walking {@link #fields} in batches of {@code records}. */
    default FieldCensus census(int records) {
        FieldCensus.Tally tally = new FieldCensus.Tally(name());
        String cursor = null;
        do {
            Batch batch = fields(cursor, records);
            batch.fields().forEach(f -> tally.add(f.stored()));
            cursor = batch.next();
        } while (cursor != null);
        return tally.census();
    }
}
