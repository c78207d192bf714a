package ai.aragora.webhooks.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import ai.aragora.api.webhook.OutboundHttp.Answer;

/**
 * The HTTP/1.1 of one exchange: a POST written with its length, an answer read with its headers
 * bounded and its body kept up to a cap. Says whether the connection can carry the next request.
 */
final class Http11 {

    private static final int MAX_LINE = 8192;
    private static final int MAX_HEADERS = 100;

    /** The answer, and whether its connection was left at the end of it, ready for another request. */
    record Read(Answer answer, boolean reusable) {
    }

    /** Thrown when the connection ended before the first byte of an answer. */
    static final class NoAnswer extends IOException {
        private static final long serialVersionUID = 1L;

        NoAnswer() {
            super("the connection closed before an answer");
        }
    }

    private Http11() {
    }

    static void write(OutputStream out, URI url, Iterable<Map.Entry<String, String>> headers, byte[] body) throws IOException {
        StringBuilder head = new StringBuilder(512);
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        head.append("POST ").append(path);
        if (url.getRawQuery() != null) {
            head.append('?').append(url.getRawQuery());
        }
        head.append(" HTTP/1.1\r\nHost: ").append(url.getHost());
        if (url.getPort() != -1) {
            head.append(':').append(url.getPort());
        }
        head.append("\r\nContent-Length: ").append(body.length).append("\r\n");
        for (Map.Entry<String, String> h : headers) {
            head.append(checkedName(h.getKey())).append(": ").append(checkedValue(h.getKey(), h.getValue())).append("\r\n");
        }
        head.append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
    }

    static Read read(InputStream in, int cap) throws IOException {
        int first = in.read();
        if (first < 0) {
            throw new NoAnswer();
        }
        String status = line(in, first);
        int code;
        boolean http10;
        while (true) {
            if (!status.startsWith("HTTP/1.") || status.length() < 12 || status.charAt(8) != ' ') {
                throw new IOException("not an HTTP/1.x answer");
            }
            http10 = status.startsWith("HTTP/1.0");
            try {
                code = Integer.parseInt(status.substring(9, 12));
            } catch (NumberFormatException e) {
                throw new IOException("not an HTTP status line");
            }
            if (code >= 200 || code == 101) {
                break;
            }
            headers(in); // an interim answer (100, 103): the real one follows
            status = line(in, in.read());
        }
        Headers h = headers(in);
        boolean reusable = !http10 && !h.close;
        ByteArrayOutputStream kept = new ByteArrayOutputStream(Math.min(cap, 1024));
        if (code == 204 || code == 304 || code == 101) {
            reusable &= code != 101;
        } else if (h.chunked) {
            reusable &= chunked(in, kept, cap);
        } else if (h.length >= 0) {
            reusable &= h.length <= cap;
            copy(in, kept, Math.min(h.length, cap));
        } else {
            copy(in, kept, cap);
            reusable = false;
        }
        return new Read(new Answer(code, Optional.ofNullable(h.retryAfter), kept.toString(StandardCharsets.UTF_8)), reusable);
    }

    private static final class Headers {
        long length = -1;
        boolean chunked;
        boolean close;
        String retryAfter;
    }

    private static Headers headers(InputStream in) throws IOException {
        Headers h = new Headers();
        for (int n = 0;; n++) {
            String line = line(in, in.read());
            if (line.isEmpty()) {
                return h;
            }
            if (n >= MAX_HEADERS) {
                throw new IOException("an answer with more than " + MAX_HEADERS + " headers");
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> {
                    try {
                        h.length = Long.parseLong(value);
                    } catch (NumberFormatException e) {
                        throw new IOException("a bad Content-Length");
                    }
                }
                case "transfer-encoding" -> h.chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "connection" -> h.close = value.toLowerCase(Locale.ROOT).contains("close");
                case "retry-after" -> h.retryAfter = value;
                default -> {
                }
            }
        }
    }

    /** Reads a chunked body, keeping up to the cap; true when it was read to its end. */
    private static boolean chunked(InputStream in, ByteArrayOutputStream kept, int cap) throws IOException {
        while (true) {
            String size = line(in, in.read());
            int semi = size.indexOf(';');
            long n;
            try {
                n = Long.parseLong((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
            } catch (NumberFormatException e) {
                throw new IOException("a bad chunk size");
            }
            if (n == 0) {
                while (!line(in, in.read()).isEmpty()) {
                    // trailers are not kept
                }
                return true;
            }
            if (kept.size() + n > cap) {
                copy(in, kept, cap - kept.size());
                return false;
            }
            copy(in, kept, n);
            line(in, in.read());
        }
    }

    private static void copy(InputStream in, ByteArrayOutputStream kept, long n) throws IOException {
        byte[] buffer = new byte[(int) Math.min(n, 8192)];
        long left = n;
        while (left > 0) {
            int got = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (got < 0) {
                return;
            }
            kept.write(buffer, 0, got);
            left -= got;
        }
    }

    /** One line from its first byte, without its CRLF. */
    private static String line(InputStream in, int first) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = first;; b = in.read()) {
            if (b < 0) {
                throw new IOException("the connection closed in the middle of an answer");
            }
            if (b == '\n') {
                int end = line.length();
                return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
            }
            if (line.length() >= MAX_LINE) {
                throw new IOException("an answer line longer than " + MAX_LINE + " bytes");
            }
            line.append((char) b);
        }
    }

    private static String checkedName(String name) {
        if (name.isEmpty() || !name.chars().allMatch(c -> c > 32 && c < 127 && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0)) {
            throw new IllegalArgumentException("header name '" + name + "' is not a token");
        }
        return name;
    }

    private static String checkedValue(String name, String value) {
        if (value.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0 || c > 255)) {
            throw new IllegalArgumentException("header " + name + " has a value with a line break or a character outside Latin-1");
        }
        return value;
    }
}
