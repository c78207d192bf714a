package ai.aragora.rest;

import java.util.Map;

/** Status codes to the machine-readable codes and plain messages of {@link ErrorBody}. */
final class ErrorResponses {

    static final String INTERNAL = "Internal server error";

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

    private ErrorResponses() {
    }

    static String code(int status) {
        return CODES.getOrDefault(status, status >= 500 ? "internal_error" : "error");
    }

    /** What to say when nothing more specific is known; a 5xx never says more than this. */
    static String message(int status, String method, String path) {
        switch (status) {
            case 400: return "bad request";
            case 401: return "authentication required";
            case 403: return "forbidden";
            case 404: return "no resource at " + clip(path);
            case 405: return "method " + method + " is not allowed on " + clip(path);
            case 406: return "not acceptable: this resource answers application/json";
            case 413: return "request body too large";
            case 414: return "request URI too long";
            case 415: return "unsupported content type: send application/json";
            case 431: return "request headers too large";
            case 503: return "service unavailable";
            default: return status >= 500 ? INTERNAL : "request failed with status " + status;
        }
    }

    /** A parameter that did not convert: {@code kind} is the annotation's name, such as QueryParam. */
    static String badParameter(String kind, String name, Throwable cause) {
        String what = switch (kind) {
            case "QueryParam" -> "query parameter";
            case "PathParam" -> "path segment";
            case "HeaderParam" -> "header";
            case "FormParam" -> "form field";
            case "CookieParam" -> "cookie";
            default -> "parameter";
        };
        boolean numeric = false;
        for (Throwable t = cause; t != null; t = t.getCause()) {
            numeric |= t instanceof NumberFormatException;
        }
        return what + " '" + clip(name) + "' " + (numeric ? "must be a whole number in range" : "has a value of the wrong type");
    }

    /** Paths echo client input: keep them short. */
    static String clip(String path) {
        if (path == null) {
            return "";
        }
        return path.length() <= 200 ? path : path.substring(0, 200) + "...";
    }
}
