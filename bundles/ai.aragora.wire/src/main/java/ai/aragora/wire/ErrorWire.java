package ai.aragora.wire;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one shape of an error response, whoever answers it (a resource, a servlet filter, the
 * container's error page): {@code {"error", "code", "trace_id"}}. The error names the problem,
 * the code is machine-readable, and the trace id is the request id an operator finds in the log
 * (null outside a request).
 */
public final class ErrorWire {

    private static final Map<Integer, String> CODES = Map.ofEntries(
            Map.entry(400, "bad_request"),
            Map.entry(401, "unauthorized"),
            Map.entry(403, "forbidden"),
            Map.entry(404, "not_found"),
            Map.entry(405, "method_not_allowed"),
            Map.entry(406, "not_acceptable"),
            Map.entry(409, "conflict"),
            Map.entry(413, "payload_too_large"),
            Map.entry(414, "uri_too_long"),
            Map.entry(415, "unsupported_media_type"),
            Map.entry(422, "unprocessable"),
            Map.entry(429, "rate_limited"),
            Map.entry(431, "headers_too_large"),
            Map.entry(500, "internal_error"),
            Map.entry(503, "unavailable"));

    private ErrorWire() {
    }

    /** An error body with the code of its status. */
    public static Map<String, Object> error(int status, String message, String traceId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        body.put("code", code(status));
        body.put("trace_id", traceId);
        return body;
    }

    /** The machine-readable code of a status: {@code 429} is {@code rate_limited}. */
    public static String code(int status) {
        return CODES.getOrDefault(status, status >= 500 ? "internal_error" : "error");
    }
}
