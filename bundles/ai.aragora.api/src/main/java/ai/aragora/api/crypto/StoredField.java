package ai.aragora.api.crypto;

import java.util.Objects;

/**
 * One sealed field as a store holds it now: an envelope's stored form ({@link Envelope#toMap()})
 * or plaintext written before encryption was on.
 *
 * @param record the source's own key of the record holding it
 */
public record StoredField(FieldContext context, Object stored, String record) {

    public StoredField {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(stored, "stored");
        Objects.requireNonNull(record, "record");
    }

    @Override
    public String toString() {
        return "StoredField[" + context + ", " + (Envelope.isMarked(stored) ? "sealed" : "plaintext") + "]";
    }
}
