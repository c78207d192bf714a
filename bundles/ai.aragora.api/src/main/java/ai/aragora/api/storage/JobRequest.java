package ai.aragora.api.storage;

import java.time.Instant;
import java.util.Objects;

/**
 * A job to enqueue. {@code payload} is JSON text and must not carry secrets; higher
 * {@code priority} runs first; {@code runAt} null means now.
 */
public record JobRequest(String queue, String type, String payload, int priority, Instant runAt, int maxAttempts) {

    public static final int DEFAULT_MAX_ATTEMPTS = 5;

    public JobRequest {
        queue = Names.require("queue", queue);
        type = Names.require("type", type);
        payload = payload == null ? "{}" : payload;
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
    }

    public static JobRequest of(String queue, String type, String payload) {
        return new JobRequest(queue, type, payload, 0, null, DEFAULT_MAX_ATTEMPTS);
    }

    /** Short, printable identifiers only: they appear in logs and indexes. */
    static final class Names {
        private Names() {
        }

        static String require(String field, String value) {
            Objects.requireNonNull(value, field);
            if (!value.matches("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}")) {
                throw new IllegalArgumentException(field + " must be 1-128 of A-Z a-z 0-9 . _ : - (got '"
                        + (value.length() > 64 ? value.substring(0, 64) + "..." : value) + "')");
            }
            return value;
        }
    }
}
