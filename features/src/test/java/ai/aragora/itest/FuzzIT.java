package ai.aragora.itest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Thousands of generated malformed requests against every route the live OpenAPI document
 * lists: hostile ids, nonsense query values, broken and hostile bodies, wrong content types,
 * forged credentials. None may produce a 5xx, and every 4xx is JSON naming the problem.
 * Deterministic (fixed seed), bounded, and loopback only.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class FuzzIT extends AragoraTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Pattern OPERATION = Pattern.compile("\"(/[^\"]*)\"\\s*:\\s*\\{");
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH");

    private static final List<String> IDS = List.of(
            "../../etc/passwd", "..%2F..%2Fetc%2Fpasswd", "%2e%2e%2f%2e%2e%2f", "%00", "a%00b", "%C0%AE%C0%AE%2F",
            "' OR 1=1--", "1;DROP TABLE debates", "%F0%9F%98%80", "%E2%80%AE", "%ED%A0%80", "x".repeat(3000), "null",
            "-1", "99999999999999999999999999", "%7B%7D", "%20", "CON", "debate%0d%0aX-Injected:%201", "%25", "~", ".");
    private static final List<String> QUERIES = List.of(
            "limit=-1", "limit=0", "limit=abc", "limit=99999999999999999999", "limit=1e309", "limit=NaN", "offset=-5",
            "offset=2147483648", "status=bogus", "status=", "since=-1", "since=abc", "format=exe", "format=../../x",
            "id=", "id=%00", "domain=%F0%9F%98%80", "limit=1&limit=2", "%zz=1", "limit=%00", "q=" + "y".repeat(4000));
    private static final List<String> BODIES = List.of(
            "{", "}", "[]", "null", "\"text\"", "42", "true", "{\"task\":123}", "{\"task\":null}", "{\"task\":\"\"}",
            "{\"task\":\"a\\u0000b\"}", "{\"task\":\"\\ud800\"}", "{\"task\":\"ok\",\"rounds\":1e400}",
            "{\"task\":\"ok\",\"rounds\":-1}", "{\"task\":\"ok\",\"rounds\":99999999999999999999999}",
            "{\"task\":\"ok\",\"rounds\":\"three\"}", "{\"task\":\"ok\",\"agents\":\"../../x,demo\"}",
            "{\"task\":\"ok\",\"agents\":[]}", "{\"task\":\"ok\",\"agents\":[1,2,3]}", "{\"task\":\"ok\",\"agents\":{}}",
            "{\"task\":\"ok\",\"consensus\":\"coin-flip\"}", "{\"task\":\"ok\",\"metadata\":[1]}", "{\"task\":\"ok\",\"context\":7}",
            "{\"email\":[],\"password\":{}}", "{\"email\":\"a@b.c\",\"password\":\"" + "p".repeat(100_000) + "\"}",
            "{\"refresh_token\":7}", "{\"refresh_token\":\"" + "a.".repeat(5000) + "\"}",
            "{\"a\":1,\"a\":2}", "{\"task\":\"ok\"}garbage", "[".repeat(5000) + "]".repeat(5000),
            "{\"x\":" + "{\"x\":".repeat(2000) + "1" + "}".repeat(2001), "{\"task\":\"" + "t".repeat(10_001) + "\"}",
            "\uFEFF{\"task\":\"bom\"}", "{\"format\":\"odr\",\"receipt\":\"not an object\"}");
    private static final List<String> CONTENT_TYPES = List.of("application/json", "text/plain", "application/xml",
            "application/json; charset=latin1", "multipart/form-data; boundary=x", "");

    private final Random random = new Random(20261122L);
    private final Map<String, Integer> statuses = new ConcurrentHashMap<>();
    private final List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    private final Semaphore inFlight = new Semaphore(16);
    private final List<String[]> retries = java.util.Collections.synchronizedList(new ArrayList<>());

    @Override
    protected List<String> features() {
        return List.of("core", "http", "sqlite", "demo");
    }

    @Before
    public void ready() throws Exception {
        await("the API", WAIT, () -> status("/api/v1/auth/me") == 401 && status("/readyz") == 200);
    }

    @Test
    public void noGeneratedRequestGetsAServerError() throws Exception {
        String user = register("fuzz").accessToken();
        List<String> tokens = java.util.Arrays.asList(null, adminToken(), user, "garbage", "ara_" + "0".repeat(40),
                "eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiJ9.");
        List<String> templates = routes();
        assertThat(templates).as("the OpenAPI document lists the routes").hasSizeGreaterThan(30);

        List<CompletableFuture<Void>> sent = new ArrayList<>();
        int count = 0;
        for (String template : templates) {
            for (String method : METHODS) {
                for (int i = 0; i < 12; i++) {
                    String path = fill(template) + (random.nextInt(3) == 0 ? "?" + pick(QUERIES) : "");
                    String body = method.equals("GET") || method.equals("DELETE") ? (random.nextInt(6) == 0 ? pick(BODIES) : null) : pick(BODIES);
                    sent.add(send(method, path, body, pick(CONTENT_TYPES), tokens.get(random.nextInt(tokens.size()))));
                    count++;
                }
            }
        }
        for (int i = 0; i < 400; i++) {
            sent.add(send("POST", "/api/v1/debates", pick(BODIES), "application/json", tokens.get(random.nextInt(tokens.size()))));
            sent.add(send("POST", "/api/v1/auth/" + pick(List.of("login", "register", "refresh")), pick(BODIES), "application/json", null));
            count += 2;
        }
        CompletableFuture.allOf(sent.toArray(CompletableFuture<?>[]::new)).get(5, java.util.concurrent.TimeUnit.MINUTES);
        for (String[] r : List.copyOf(retries)) {
            resend(r[0], r[1], r[2], r[3], r[4]);
        }
        System.out.println("fuzz: " + count + " requests (" + retries.size() + " resent on a fresh connection), statuses "
                + new TreeMap<>(statuses));
        assertThat(count).isGreaterThan(2000);
        assertThat(failures).as("requests answered with a 5xx or a non-JSON error").isEmpty();
    }

    /** Raw bytes no client library would send: broken request lines, bad UTF-8, lying lengths. */
    @Test
    public void malformedWireRequestsGetA4xx() throws Exception {
        String[] requests = {
            "GET /api/v1/debates/\u00ff\u00fe HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
            "GET /api/v1/debates/%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
            "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 9\r\nConnection: close\r\n\r\n{\"e\":\"\u00c3(\"}",
            "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\nConnection: close\r\n\r\n{}",
            "GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-Request-ID: a\u0000b\r\nConnection: close\r\n\r\n",
            "GET /api/v1/health HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + "z".repeat(9000) + "\r\nConnection: close\r\n\r\n",
            "BREW /api/v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        };
        for (String request : requests) {
            String response = raw(request);
            Matcher status = Pattern.compile("^HTTP/1\\.1 (\\d{3})").matcher(response);
            if (status.find()) {
                assertThat(Integer.parseInt(status.group(1))).as(request.substring(0, Math.min(80, request.length())))
                        .isBetween(400, 499);
            }
        }
    }


    private CompletableFuture<Void> send(String method, String path, String body, String contentType, String bearer) {
        HttpRequest.Builder b;
        try {
            b = HttpRequest.newBuilder(URI.create(api(path))).timeout(Duration.ofSeconds(30));
        } catch (IllegalArgumentException notAUri) {
            return CompletableFuture.completedFuture(null);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body.getBytes(StandardCharsets.UTF_8)));
        if (!contentType.isEmpty() && body != null) {
            b.header("Content-Type", contentType);
        }
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        inFlight.acquireUninterruptibly();
        return http.sendAsync(b.build(), HttpResponse.BodyHandlers.ofString()).handle((r, error) -> {
            inFlight.release();
            if (error != null) {
                retries.add(new String[] {method, path, body, contentType, bearer});
            } else {
                check(method, path, body, r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
            }
            return null;
        });
    }

    private void check(String method, String path, String body, int status, String contentType, String responseBody) {
        statuses.merge(status / 100 + "xx", 1, Integer::sum);
        boolean json = contentType.startsWith("application/json");
        if (status >= 500 || (status >= 400 && status != 426 && (!json || !responseBody.contains("\"error\"")))) {
            failures.add(method + " " + clip(path) + " [" + clip(body) + "] -> " + status + " " + clip(responseBody));
        }
    }

    /**
     * A request can lose its answer to the transport without the server being at fault: a server
     * that refuses a request line (an encoded slash, say) answers and closes without reading the
     * body, and a client still writing a large body loses that answer to the reset; a pooled
     * keep-alive connection the server has just closed fails the next request with no bytes, and
     * the JDK client retries only GET on its own. Such a request is sent once more by hand on a
     * fresh connection, a body behind {@code Expect: 100-continue} so it follows only if the
     * server asks for it; that answer is checked like any other.
     */
    private void resend(String method, String path, String body, String contentType, String bearer) throws Exception {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                + (body == null ? "" : "Expect: 100-continue\r\n") + "Content-Length: " + bytes.length + "\r\n");
        if (!contentType.isEmpty() && body != null) {
            head.append("Content-Type: ").append(contentType).append("\r\n");
        }
        if (bearer != null) {
            head.append("Authorization: Bearer ").append(bearer).append("\r\n");
        }
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", launched().apiPort())) {
            socket.setSoTimeout(30_000);
            exchange(socket, head, bytes, method, path, body);
        } catch (java.net.SocketTimeoutException e) {
            failures.add(method + " " + clip(path) + ": no answer within 30 s on a fresh connection ("
                    + (body == null ? "no body" : "body " + clip(body) + " as " + contentType) + ", "
                    + (bearer == null ? "anonymous" : "a bearer token") + ")");
        }
    }

    private void exchange(java.net.Socket socket, StringBuilder head, byte[] bytes, String method, String path, String body)
            throws IOException {
        socket.getOutputStream().write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
        java.io.InputStream in = socket.getInputStream();
        String first = statusLine(in);
        if (first.contains(" 100 ")) {
            while (!statusLine(in).isEmpty()) {
                // the rest of the interim response
            }
            socket.getOutputStream().write(bytes);
            socket.getOutputStream().flush();
            first = statusLine(in);
        } else if (bytes.length > 0) {
            // Answered before the body was asked for: the server may still read the declared body
            // before it closes, so it is sent anyway (RFC 9110 allows that) unless the server closed.
            try {
                socket.getOutputStream().write(bytes);
                socket.getOutputStream().flush();
            } catch (IOException closed) {
                // the server closed without reading it: what follows is read to the end as it is
            }
        }
        Matcher status = Pattern.compile("^HTTP/1\\.1 (\\d{3})").matcher(first);
        if (!status.find()) {
            failures.add(method + " " + clip(path) + ": no status line in '" + clip(first) + "'");
            return;
        }
        // The answer is read as HTTP frames it (Content-Length or chunks), not up to the close: whether
        // the server lingers on a connection it was asked to close is not what this test checks.
        String contentType = "";
        long length = -1;
        boolean chunked = false;
        try {
            for (String line = statusLine(in); !line.isEmpty(); line = statusLine(in)) {
                String lower = line.toLowerCase(java.util.Locale.ROOT);
                if (lower.startsWith("content-type:")) {
                    contentType = line.substring(13).strip();
                } else if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(line.substring(15).strip());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                }
            }
            byte[] content = chunked ? chunks(in) : length >= 0 ? in.readNBytes((int) length) : in.readAllBytes();
            check(method, path, body, Integer.parseInt(status.group(1)), contentType, new String(content, StandardCharsets.UTF_8));
        } catch (java.net.SocketTimeoutException e) {
            failures.add(method + " " + clip(path) + ": '" + clip(first) + "' but its body did not arrive within 30 s");
        }
    }

    private static byte[] chunks(java.io.InputStream in) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int size = Integer.parseInt(statusLine(in).split(";")[0].strip(), 16); size > 0;
                size = Integer.parseInt(statusLine(in).split(";")[0].strip(), 16)) {
            out.write(in.readNBytes(size));
            statusLine(in);
        }
        return out.toByteArray();
    }

    private static String statusLine(java.io.InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    private List<String> routes() throws IOException, InterruptedException {
        String doc = get("/api/openapi.json").body();
        int paths = doc.indexOf("\"paths\"");
        List<String> out = new ArrayList<>();
        Matcher m = OPERATION.matcher(doc.substring(paths));
        while (m.find()) {
            if (m.group(1).startsWith("/api") || m.group(1).startsWith("/.well-known") || m.group(1).endsWith("z")) {
                out.add(m.group(1));
            }
        }
        return out;
    }

    private String fill(String template) {
        return template.replaceAll("\\{[^}]+}", java.util.regex.Matcher.quoteReplacement(pick(IDS)));
    }

    private <T> T pick(List<T> options) {
        return options.get(random.nextInt(options.size()));
    }

    private static String clip(String s) {
        return s == null ? "" : s.length() > 160 ? s.substring(0, 160) + "..." : s;
    }
}
