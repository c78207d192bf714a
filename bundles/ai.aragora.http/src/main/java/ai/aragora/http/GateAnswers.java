package ai.aragora.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.aragora.wire.ErrorWire;

/** The answers the server gives while it is not serving: starting (until ready) and stopping. */
final class GateAnswers {

    static final String STARTING = "starting";
    static final String STOPPING = "stopping";
    /** Seconds a client should wait before asking again. */
    static final int RETRY_STARTING = 1;
    static final int RETRY_STOPPING = 5;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private GateAnswers() {
    }

    static String starting(List<String> waitingFor) {
        String message = "the server is starting" + (waitingFor.isEmpty() ? "" : "; waiting for " + String.join("; ", waitingFor));
        return body(message, STARTING);
    }

    static String stopping() {
        return body("the server is stopping", STOPPING);
    }

    private static String body(String message, String code) {
        Map<String, Object> body = ErrorWire.error(503, message, null);
        body.put("code", code);
        return json(body);
    }

    static void send(HttpServletResponse response, String body, int retryAfter) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setStatus(503);
        response.setHeader("Retry-After", String.valueOf(retryAfter));
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    static String json(Map<String, Object> body) {
        try {
            return MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
