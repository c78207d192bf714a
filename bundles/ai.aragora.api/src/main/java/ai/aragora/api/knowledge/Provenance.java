package ai.aragora.api.knowledge;

import java.time.Instant;
import java.util.Objects;

/**
 * Where a node or relationship came from; every part but the time may be null (a node added over
 * the API has no debate, one learned by an adapter names it).
 *
 * @param round the debate round it was said in, 0 when not one round's
 */
public record Provenance(String debateId, String receiptId, String agent, int round, String adapter, Instant at) {

    public Provenance {
        Objects.requireNonNull(at, "at");
        if (round < 0) {
            throw new IllegalArgumentException("round must not be negative");
        }
    }

    /** Learned by {@code adapter} from a finished debate. */
    public static Provenance ofDebate(String adapter, String debateId, String receiptId, Instant at) {
        return new Provenance(debateId, receiptId, null, 0, adapter, at);
    }
}
