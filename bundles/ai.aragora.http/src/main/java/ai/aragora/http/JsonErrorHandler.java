package ai.aragora.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import ai.aragora.wire.ErrorWire;

/**
 * Errors Jetty answers itself (a malformed URI, oversized headers, a request the servlet
 * whiteboard is not up for yet or any more) in the API's error shape instead of Jetty's HTML
 * page; while the server holds requests back, the gate's 503 instead.
 */
final class JsonErrorHandler extends ErrorHandler {

    private final Supplier<Held> gate;

    JsonErrorHandler(Supplier<Held> gate) {
        this.gate = gate;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Held held = gate.get();
        String body;
        if (held != null) {
            response.setStatus(503);
            response.getHeaders().put(HttpHeader.RETRY_AFTER, String.valueOf(held.retryAfter()));
            body = held.body();
        } else {
            body = body(response.getStatus());
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
        return true;
    }

    static String body(int status) {
        return Held.json(ErrorWire.error(status, message(status), null));
    }

    private static String message(int status) {
        return switch (status) {
            case 400 -> "malformed request";
            case 404 -> "not found";
            case 405 -> "method not allowed";
            case 413 -> "request body too large";
            case 414 -> "request URI too long";
            case 431 -> "request headers too large";
            case 503 -> "service unavailable";
            default -> status >= 500 ? "Internal server error" : "request failed with status " + status;
        };
    }
}
