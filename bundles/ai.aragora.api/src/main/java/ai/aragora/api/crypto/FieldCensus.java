package ai.aragora.api.crypto;

import java.util.Map;
import java.util.TreeMap;

/**
 * What one source holds: how many fields are sealed under each key id, how many are still
 * plaintext, and how many carry the marker but are not whole envelopes.
 */
public record FieldCensus(String source, Map<String, Long> byKeyId, long plaintext, long malformed) {

    public FieldCensus {
        byKeyId = Map.copyOf(byKeyId);
    }

    /** Tallies stored values, one at a time. */
    public static final class Tally {

        private final String source;
        private final Map<String, Long> byKeyId = new TreeMap<>();
        private long plaintext;
        private long malformed;

        public Tally(String source) {
            this.source = source;
        }

        public void add(Object stored) {
            try {
                Envelope.from(stored).ifPresentOrElse(e -> byKeyId.merge(e.keyId(), 1L, Long::sum), () -> plaintext++);
            } catch (EncryptionException e) {
                malformed++;
            }
        }

        public FieldCensus census() {
            return new FieldCensus(source, byKeyId, plaintext, malformed);
        }
    }

    public long total() {
        return plaintext + malformed + byKeyId.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Fields a rotation to {@code activeKeyId} still has to seal or re-seal. */
    public long pending(String activeKeyId) {
        return total() - malformed - byKeyId.getOrDefault(activeKeyId, 0L);
    }
}
