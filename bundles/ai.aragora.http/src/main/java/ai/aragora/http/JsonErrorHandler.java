package ai.aragora.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import ai.aragora.wire.ErrorWire;

/**
 * Errors Jetty answers before any servlet sees the request (a malformed URI, oversized
 * headers, a request while the servlet context is not there) in the API's error shape instead
 * of Jetty's HTML page.
 */
final class JsonErrorHandler extends ErrorHandler {

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus();
        byte[] body = body(status).getBytes(StandardCharsets.UTF_8);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }

    static String body(int status) {
        return GateAnswers.json(ErrorWire.error(status, message(status), null));
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
