package ai.aragora.itest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * LLM providers on loopback for tests inside the framework (which has no JDK HTTP server):
 * plain HTTP/1.1 over a socket, one request per connection, answers chosen by a function of
 * the request. Every request is kept for the test to inspect.
 */
final class LoopbackLlm implements AutoCloseable {

    record Request(String method, String path, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    record Response(int status, String body) {
    }

    private final ServerSocket server;
    private final Function<Request, Response> answers;
    final List<Request> seen = new CopyOnWriteArrayList<>();

    LoopbackLlm(int port, Function<Request, Response> answers) throws IOException {
        this.server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
        this.answers = answers;
        Thread acceptor = new Thread(this::accept, "loopback-llm");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread t = new Thread(() -> serve(socket), "loopback-llm-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String[] line = in.readLine().split(" ");
            Map<String, String> headers = new TreeMap<>();
            for (String h = in.readLine(); h != null && !h.isEmpty(); h = in.readLine()) {
                int colon = h.indexOf(':');
                headers.put(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
            }
            char[] body = new char[Integer.parseInt(headers.getOrDefault("content-length", "0"))];
            int read = 0;
            while (read < body.length) {
                int n = in.read(body, read, body.length - read);
                if (n < 0) {
                    break;
                }
                read += n;
            }
            Request request = new Request(line[0], line[1], headers, new String(body, 0, read));
            seen.add(request);
            Response response = answers.apply(request);
            byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
            OutputStream out = socket.getOutputStream();
            out.write(("HTTP/1.1 " + response.status() + " X\r\nContent-Type: application/json\r\nContent-Length: " + bytes.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(bytes);
            out.flush();
        } catch (IOException | RuntimeException e) {
            // the client went away; nothing to answer
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
