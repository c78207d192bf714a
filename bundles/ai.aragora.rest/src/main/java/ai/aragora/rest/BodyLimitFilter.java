package ai.aragora.rest;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardFilterPattern;

/**
 * Request bodies are bounded: a declared length over the limit is refused (413), and a body
 * without a declared length is cut off when it passes the limit. The limit is
 * {@code max.body.bytes}, or a path's own from {@code body.limits} (file uploads). A refused body
 * of at most {@value #DRAINED_BYTES} bytes is read and dropped before the answer: a server that
 * closes on a client still writing resets the connection, and the client then sees a broken pipe
 * instead of the 413. A larger one is not read at all; its client may see either.
 */
@Component(service = Filter.class, configurationPid = RestConfig.PID, property = Constants.SERVICE_RANKING + ":Integer=80")
@Designate(ocd = RestConfig.class)
@HttpWhiteboardFilterPattern("/*")
public class BodyLimitFilter implements Filter {

    static final int DRAINED_BYTES = 8 << 20;

    private volatile long limit;
    private volatile Map<String, Long> pathLimits = Map.of();

    @Activate
    public BodyLimitFilter(RestConfig config) {
        modified(config);
    }

    @Modified
    void modified(RestConfig config) {
        Map<String, Long> paths = new HashMap<>();
        for (String entry : config.body_limits()) {
            int eq = entry.lastIndexOf('=');
            long bytes;
            try {
                bytes = eq > 0 ? Long.parseLong(entry.substring(eq + 1).trim()) : -1;
            } catch (NumberFormatException e) {
                bytes = -1;
            }
            if (bytes < 0 || !entry.startsWith("/")) {
                throw new IllegalArgumentException("body.limits entries are path=bytes, such as /api/knowledge/import=33554432 (got '"
                        + entry + "')");
            }
            paths.put(entry.substring(0, eq).trim(), bytes);
        }
        this.limit = config.max_body_bytes();
        this.pathLimits = Map.copyOf(paths);
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        long max = pathLimits.getOrDefault(((HttpServletRequest) request).getRequestURI(), limit);
        long declared = request.getContentLengthLong();
        if (declared > max) {
            if (declared <= DRAINED_BYTES) {
                drain(request);
            }
            HttpServletResponse http = (HttpServletResponse) response;
            // a body not read leaves the connection unable to carry another request
            http.setHeader("Connection", "close");
            ErrorResponses.send((HttpServletRequest) request, http, 413,
                    "request body too large: " + declared + " bytes, at most " + max);
            return;
        }
        chain.doFilter(declared < 0 ? new Bounded((HttpServletRequest) request, max) : request, response);
    }

    /**
     * Reads the body to its end (the container stops at its declared length), dropping it. A
     * client that stops sending early (it closed its side, or went away) still gets the answer
     * if it is there to read it.
     */
    private static void drain(ServletRequest request) {
        byte[] sink = new byte[64 << 10];
        long left = DRAINED_BYTES;
        try {
            // not closed: the container owns the stream, and a closed one may end the exchange before the answer
            ServletInputStream in = request.getInputStream();
            int n;
            while (left > 0 && (n = in.read(sink, 0, (int) Math.min(sink.length, left))) >= 0) {
                left -= n;
            }
        } catch (IOException e) {
            // what it sent ends here; the 413 follows
        }
    }

    /** Counts what the application reads and stops at the limit. */
    private static final class Bounded extends HttpServletRequestWrapper {

        private final long max;
        private ServletInputStream stream;

        Bounded(HttpServletRequest request, long max) {
            super(request);
            this.max = max;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                ServletInputStream in = super.getInputStream();
                stream = new ServletInputStream() {
                    private long read;

                    @Override
                    public int read() throws IOException {
                        int b = in.read();
                        if (b >= 0 && ++read > max) {
                            throw new BodyTooLargeException(max);
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] buffer, int offset, int length) throws IOException {
                        int n = in.read(buffer, offset, length);
                        if (n > 0 && (read += n) > max) {
                            throw new BodyTooLargeException(max);
                        }
                        return n;
                    }

                    @Override
                    public boolean isFinished() {
                        return in.isFinished();
                    }

                    @Override
                    public boolean isReady() {
                        return in.isReady();
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        in.setReadListener(listener);
                    }
                };
            }
            return stream;
        }
    }
}
