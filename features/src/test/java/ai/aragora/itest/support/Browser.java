package ai.aragora.itest.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ai.aragora.itest.Distribution;

/**
 * Debian's headless chromium driven through chromedriver's W3C WebDriver protocol (plain HTTP on
 * loopback, so no client library): one fresh profile per browser, nothing shared between two.
 * The few answers read are a string, a number or an element reference, picked out of the JSON.
 */
public final class Browser implements AutoCloseable {

    private static final String ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
    private static final Pattern SESSION = Pattern.compile("\"sessionId\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern ELEMENT_ID = Pattern.compile("\"" + ELEMENT + "\"\\s*:\\s*\"([^\"]+)\"");

    private final Process driver;
    private final String base;
    private final String session;
    private final HttpClient http = HttpClient.newHttpClient();

    public Browser(Path profile) throws IOException, InterruptedException {
        int port = Distribution.freePort();
        driver = new ProcessBuilder("chromedriver", "--port=" + port).redirectErrorStream(true)
                .redirectOutput(profile.resolveSibling(profile.getFileName() + "-chromedriver.log").toFile()).start();
        base = "http://127.0.0.1:" + port;
        awaitDriver();
        List<String> args = List.of("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--window-size=1200,1000", "--user-data-dir=" + profile);
        String created = call("POST", "/session", "{\"capabilities\":{\"alwaysMatch\":{\"browserName\":\"chrome\","
                + "\"goog:chromeOptions\":{\"binary\":\"/usr/bin/chromium\",\"args\":["
                + String.join(",", args.stream().map(Browser::quote).toList()) + "]}}}}");
        Matcher id = SESSION.matcher(created);
        if (!id.find()) {
            throw new IllegalStateException("chromedriver gave no session: " + created);
        }
        session = "/session/" + id.group(1);
    }

    /** Sets the window's size in CSS pixels, e.g. a phone's 390 x 844. */
    public void resize(int width, int height) throws IOException, InterruptedException {
        call("POST", session + "/window/rect", "{\"width\":" + width + ",\"height\":" + height + "}");
    }

    public void open(String url) throws IOException, InterruptedException {
        call("POST", session + "/url", "{\"url\":" + quote(url) + "}");
    }

    public String url() throws IOException, InterruptedException {
        return string(call("GET", session + "/url", null));
    }

    /** The element's id, waiting up to the timeout for it to appear. */
    public String find(String css, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<String> found = first(css);
            if (found.isPresent()) {
                return found.get();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no element " + css + " within " + timeout + " on " + url());
            }
            Thread.sleep(100);
        }
    }

    public void type(String css, String text) throws IOException, InterruptedException {
        String id = find(css, Duration.ofSeconds(20));
        call("POST", session + "/element/" + id + "/clear", "{}");
        call("POST", session + "/element/" + id + "/value", "{\"text\":" + quote(text) + "}");
    }

    public void click(String css) throws IOException, InterruptedException {
        call("POST", session + "/element/" + find(css, Duration.ofSeconds(20)) + "/click", "{}");
    }

    public String text(String css) throws IOException, InterruptedException {
        return string(call("GET", session + "/element/" + find(css, Duration.ofSeconds(20)) + "/text", null));
    }

    /** Waits until the element's text passes the test, and returns it. */
    public String awaitText(String css, Predicate<String> test, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = null;
        while (System.nanoTime() < deadline) {
            Optional<String> found = first(css);
            if (found.isPresent()) {
                try {
                    last = string(call("GET", session + "/element/" + found.get() + "/text", null));
                } catch (IllegalStateException e) {
                    // the page re-rendered the element between finding and reading it: look again
                    if (!e.getMessage().contains("stale element")) {
                        throw e;
                    }
                    last = null;
                }
                if (last != null && test.test(last)) {
                    return last;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("text of " + css + " never passed within " + timeout + "; last: " + last);
    }

    /** What the script returns, as its JSON text (a string unquoted). */
    public String script(String body) throws IOException, InterruptedException {
        return string(call("POST", session + "/execute/sync", "{\"script\":" + quote(body) + ",\"args\":[]}"));
    }

    public void screenshot(Path file) throws IOException, InterruptedException {
        Files.createDirectories(file.getParent());
        Files.write(file, Base64.getDecoder().decode(string(call("GET", session + "/screenshot", null))));
    }

    @Override
    public void close() throws InterruptedException {
        try {
            call("DELETE", session, null);
        } catch (IOException | RuntimeException e) {
            // the driver going away below ends the browser too
        }
        driver.destroy();
        if (!driver.waitFor(10, TimeUnit.SECONDS)) {
            driver.destroyForcibly();
        }
    }

    private void awaitDriver() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try {
                if (call("GET", "/status", null).contains("\"ready\":true")) {
                    return;
                }
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("chromedriver did not start");
    }

    private Optional<String> first(String css) throws IOException, InterruptedException {
        Matcher id = ELEMENT_ID.matcher(call("POST", session + "/elements",
                "{\"using\":\"css selector\",\"value\":" + quote(css) + "}"));
        return id.find() ? Optional.of(id.group(1)) : Optional.empty();
    }

    /** The whole answer; WebDriver wraps every result as {"value": ...}. */
    private String call(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        b.header("Content-Type", "application/json");
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("webdriver " + method + " " + path + ": " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    /** The value of {"value": x}: a JSON string unescaped, anything else as written. */
    static String string(String answer) {
        String v = answer.substring(answer.indexOf(':') + 1, answer.lastIndexOf('}')).strip();
        if (!v.startsWith("\"")) {
            return v;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 1; i < v.length() - 1; i++) {
            char c = v.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char e = v.charAt(++i);
            switch (e) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'u' -> {
                    out.append((char) Integer.parseInt(v.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> out.append(e);
            }
        }
        return out.toString();
    }

    static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
