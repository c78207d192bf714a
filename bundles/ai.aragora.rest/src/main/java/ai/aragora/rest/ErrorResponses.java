package ai.aragora.rest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.fasterxml.jackson.databind.ObjectMapper;

import ai.aragora.wire.ErrorWire;

/** The plain messages of {@link ErrorWire} errors, and error responses written outside Jakarta REST. */
final class ErrorResponses {

    static final String INTERNAL = "Internal server error";

    private static final ObjectMapper MAPPER = ApiJson.mapper();

    private ErrorResponses() {
    }

    /**
     * Answers with an error from a servlet filter or error page, where no exception mapper runs:
     * the same body {@link ErrorMapper} gives, with the request's id.
     */
    static void send(HttpServletRequest request, HttpServletResponse response, int status, String message) throws IOException {
        byte[] body = MAPPER.writeValueAsBytes(ErrorWire.error(status, message, traceId(request)));
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** The request id: on this thread while the request is filtered, on the request itself in an error dispatch. */
    private static String traceId(HttpServletRequest request) {
        String id = RequestIds.current();
        return id == null && request.getAttribute(RequestIds.MDC_KEY) instanceof String s ? s : id;
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
