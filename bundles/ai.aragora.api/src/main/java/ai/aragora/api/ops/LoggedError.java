package ai.aragora.api.ops;

import java.time.Instant;

/**
 * A log event at WARN or ERROR as {@code GET /api/system/errors} shows it: the message as
 * logged (log lines never carry secrets), the exception's type and message without its stack.
 *
 * @param traceId the request id of the request that logged it, or null outside a request
 * @param exception {@code Type: message}, or null
 */
public record LoggedError(Instant time, String level, String logger, String thread, String message, String traceId,
        String exception) {
}
