package ai.aragora.api.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Where a field is stored. Its bytes are the associated data of the encryption, so a ciphertext
 * moved to another store, record or field no longer decrypts.
 */
public record FieldContext(String store, String recordId, String field) {

    public FieldContext {
        requireText(store, "store");
        requireText(recordId, "recordId");
        requireText(field, "field");
    }

    /** Length-prefixed so that no two contexts share their bytes. */
    public byte[] associatedData() {
        StringBuilder sb = new StringBuilder();
        for (String part : new String[] { store, recordId, field }) {
            sb.append(part.length()).append(':').append(part);
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void requireText(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isEmpty()) {
            throw new IllegalArgumentException(name + " is empty");
        }
    }
}
