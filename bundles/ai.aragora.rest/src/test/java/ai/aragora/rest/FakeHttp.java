package ai.aragora.rest;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Just enough of a servlet request and response for filters that answer by themselves. */
final class FakeHttp {

    private FakeHttp() {
    }

    static HttpServletRequest request(String method, long contentLength, Map<String, String> headers, Map<String, Object> attributes) {
        return request(method, "/api/v1/debates", contentLength, headers, attributes);
    }

    static HttpServletRequest request(String method, String path, long contentLength, Map<String, String> headers,
            Map<String, Object> attributes) {
        return request(method, path, contentLength, headers, attributes, new Body(Math.max(0, contentLength)));
    }

    static HttpServletRequest request(String method, String path, long contentLength, Map<String, String> headers,
            Map<String, Object> attributes, Body body) {
        Map<String, Object> attrs = new HashMap<>(attributes);
        return (HttpServletRequest) Proxy.newProxyInstance(FakeHttp.class.getClassLoader(), new Class<?>[] {HttpServletRequest.class},
                (proxy, m, args) -> switch (m.getName()) {
                    case "getMethod" -> method;
                    case "getRequestURI" -> path;
                    case "getContentLengthLong" -> contentLength;
                    case "getHeader" -> headers.get((String) args[0]);
                    case "getAttribute" -> attrs.get((String) args[0]);
                    case "setAttribute" -> attrs.put((String) args[0], args[1]);
                    case "getInputStream" -> body;
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    /** A request body of {@code length} bytes that counts what was read of it. */
    static final class Body extends ServletInputStream {

        final long length;
        /** Whether the client stops sending at the end instead of ending the body: the container then reports an early end. */
        final boolean cutShort;
        long read;

        Body(long length) {
            this(length, false);
        }

        Body(long length, boolean cutShort) {
            this.length = length;
            this.cutShort = cutShort;
        }

        @Override
        public int read() throws java.io.IOException {
            if (read >= length) {
                return end();
            }
            read++;
            return 'x';
        }

        @Override
        public int read(byte[] buffer, int offset, int count) throws java.io.IOException {
            if (read >= length) {
                return end();
            }
            int n = (int) Math.min(count, length - read);
            java.util.Arrays.fill(buffer, offset, offset + n, (byte) 'x');
            read += n;
            return n;
        }

        private int end() throws java.io.EOFException {
            if (cutShort) {
                throw new java.io.EOFException("early EOF");
            }
            return -1;
        }

        @Override
        public boolean isFinished() {
            return read >= length;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
            throw new UnsupportedOperationException("blocking reads only");
        }
    }

    /** A response that records what is written to it. */
    static final class Response {

        int status = 200;
        String contentType;
        final Map<String, String> headers = new LinkedHashMap<>();
        final ByteArrayOutputStream body = new ByteArrayOutputStream();
        final HttpServletResponse servlet = (HttpServletResponse) Proxy.newProxyInstance(FakeHttp.class.getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "setStatus" -> {
                        status = (Integer) args[0];
                        yield null;
                    }
                    case "getStatus" -> status;
                    case "setHeader", "addHeader" -> headers.put((String) args[0], (String) args[1]);
                    case "getHeader" -> headers.get((String) args[0]);
                    case "setContentType" -> {
                        contentType = (String) args[0];
                        yield null;
                    }
                    case "setCharacterEncoding", "setContentLength" -> null;
                    case "getOutputStream" -> new ServletOutputStream() {
                        @Override
                        public void write(int b) {
                            body.write(b);
                        }

                        @Override
                        public boolean isReady() {
                            return true;
                        }

                        @Override
                        public void setWriteListener(WriteListener listener) {
                        }
                    };
                    default -> throw new UnsupportedOperationException(m.getName());
                });

        String text() {
            return body.toString(StandardCharsets.UTF_8);
        }
    }
}
