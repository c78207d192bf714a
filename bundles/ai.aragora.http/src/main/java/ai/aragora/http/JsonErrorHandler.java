package ai.aragora.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty answers before any servlet sees the request (a malformed URI, oversized
 * headers) in the API's error shape instead of Jetty's HTML page.
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
        String message;
        String code;
        if (status >= 500) {
            message = "Internal server error";
            code = "internal_error";
        } else if (status == 431) {
            message = "request headers too large";
            code = "headers_too_large";
        } else if (status == 414) {
            message = "request URI too long";
            code = "uri_too_long";
        } else if (status == 413) {
            message = "request body too large";
            code = "payload_too_large";
        } else {
            message = "malformed request";
            code = "bad_request";
        }
        return "{\"error\":\"" + message + "\",\"code\":\"" + code + "\"}";
    }
}
