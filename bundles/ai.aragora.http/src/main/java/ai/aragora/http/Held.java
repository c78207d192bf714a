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

/**
 * The answer to a request the server holds back because it is not serving: a JSON 503 with
 * code {@code starting} (until ready) or {@code stopping}, and when to ask again.
 *
 * @param retryAfter seconds a client should wait before asking again
 * @param close whether the connection ends with the answer
 */
record Held(String body, int retryAfter, boolean close) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    static final Held STOPPING = new Held(body("the server is stopping", "stopping"), 5, true);

    static Held starting(List<String> waitingFor) {
        String message = "the server is starting" + (waitingFor.isEmpty() ? "" : "; waiting for " + String.join("; ", waitingFor));
        return new Held(body(message, "starting"), 1, false);
    }

    void send(HttpServletResponse response) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setStatus(503);
        response.setHeader("Retry-After", String.valueOf(retryAfter));
        response.setHeader("Cache-Control", "no-store");
        if (close) {
            response.setHeader("Connection", "close");
        }
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    private static String body(String message, String code) {
        Map<String, Object> body = ErrorWire.error(503, message, null);
        body.put("code", code);
        return json(body);
    }

    static String json(Map<String, Object> body) {
        try {
            return MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
