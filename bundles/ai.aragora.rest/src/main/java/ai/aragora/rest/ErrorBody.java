package ai.aragora.rest;

/**
 * The one shape of every error response: {@code {"error", "code", "trace_id"}}. The trace id is
 * the request id, so an operator can find the matching log line.
 */
record ErrorBody(String error, String code, String traceId) {
}
