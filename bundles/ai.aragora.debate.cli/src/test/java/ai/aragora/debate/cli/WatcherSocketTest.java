package ai.aragora.debate.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

/** The benchmark's watchers against a loopback peer that speaks RFC 6455 as a server would. */
class WatcherSocketTest {

    @Test
    void upgradesSubscribesAndRecordsEveryEventWhateverItsFraming() throws Exception {
        Instant stamped = Instant.now().minusMillis(250);
        String id = "debate-" + "x".repeat(150);
        String event = event(id, stamped, "{\"seq\":7,\"text\":\"a nested \\\"seq\\\":8\"}");
        String longEvent = event(id, stamped, "{\"text\":\"" + "p".repeat(70_000) + "\"}");
        byte[] pingPayload = "are-you-there".getBytes(StandardCharsets.UTF_8);
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<byte[]> pong = CompletableFuture.supplyAsync(() -> serve(server, event, longEvent, pingPayload));
            URI uri = URI.create("ws://127.0.0.1:" + server.getLocalPort() + "/");
            try (Watchers watchers = Watchers.connect(uri, "t0ken", 1, Duration.ofSeconds(10))) {
                watchers.settle(Duration.ofMillis(200), Duration.ofSeconds(10));
                assertArrayEquals(new int[] {3, 3}, watchers.eventsPerWatcher(), "a whole, a fragmented and a long event");
                long[] lags = watchers.lagsFromTimestamp();
                assertTrue(lags[0] >= 250_000 && lags[2] < 60_000_000, "lag from the timestamp, in microseconds: " + lags[0]);
                long arrived = watchers.lagsFromAnnouncement(Map.of(Watchers.key(id, 42), 0L)).length;
                assertEquals(3, arrived, "the event's key is the one the engine's announcement uses");
                assertArrayEquals(pingPayload, pong.get(), "a ping is answered with its payload");
            }
        }
    }

    @Test
    void aServerStillStartingIsAskedAgainAndARefusalEndsTheConnecting() throws Exception {
        byte[] starting = "HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\nContent-Length: 0\r\n\r\n"
                .getBytes(StandardCharsets.ISO_8859_1);
        try (ServerSocket server = new ServerSocket(0, 4, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Integer> requests = CompletableFuture.supplyAsync(() -> {
                try {
                    for (int asked = 1; ; asked++) {
                        Socket client = server.accept();
                        head(client.getInputStream());
                        if (asked < 3) {
                            client.getOutputStream().write(starting);
                            client.close();
                            continue;
                        }
                        client.getOutputStream().write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                                + "Connection: Upgrade\r\nSec-WebSocket-Accept: x\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                        clientFrame(client.getInputStream(), 0x1);
                        client.getOutputStream().write(frame(0x81, "{\"type\":\"subscribed\",\"scope\":\"org\"}".getBytes(StandardCharsets.UTF_8)));
                        return asked;
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            URI uri = URI.create("ws://127.0.0.1:" + server.getLocalPort() + "/");
            try (Watchers watchers = Watchers.connect(uri, "t0ken", 1, Duration.ofSeconds(10))) {
                assertEquals(3, requests.get(), "two answers 'starting', then the upgrade");
                assertEquals(0, watchers.closed());
            }
        }
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture.runAsync(() -> {
                try (Socket client = server.accept()) {
                    head(client.getInputStream());
                    client.getOutputStream().write("HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            URI uri = URI.create("ws://127.0.0.1:" + server.getLocalPort() + "/");
            IllegalStateException refused = assertThrows(IllegalStateException.class, () -> Watchers.connect(uri, "wrong", 1, Duration.ofSeconds(10)));
            assertTrue(refused.getMessage().contains("refused the upgrade: HTTP/1.1 401 Unauthorized"), refused.getMessage());
        }
    }

    /** An event in the stream's own order of keys: its data first. */
    private static String event(String id, Instant stamped, String data) {
        return "{\"type\":\"round_start\",\"data\":" + data + ",\"timestamp\":\"" + stamped + "\",\"round\":1,\"agent\":null,"
                + "\"seq\":42,\"loop_id\":\"" + id + "\"}";
    }

    /** Accepts one client, checks its upgrade and subscription, sends three events (one fragmented around a ping, one longer than the read buffer); returns the pong's payload. */
    private static byte[] serve(ServerSocket server, String event, String longEvent, byte[] ping) {
        try (Socket client = server.accept()) {
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            String request = head(in);
            assertTrue(request.startsWith("GET / HTTP/1.1") && request.contains("Authorization: Bearer t0ken")
                    && request.contains("Upgrade: websocket"), request);
            out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: x\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            assertEquals("{\"type\":\"subscribe\",\"scope\":\"org\"}", new String(clientFrame(in, 0x1), StandardCharsets.UTF_8));
            out.write(frame(0x81, "{\"type\":\"subscribed\",\"scope\":\"org\"}".getBytes(StandardCharsets.UTF_8)));
            byte[] text = event.getBytes(StandardCharsets.UTF_8);
            out.write(frame(0x81, text));
            int half = text.length / 2;
            out.write(frame(0x01, java.util.Arrays.copyOfRange(text, 0, half)));
            out.write(frame(0x89, ping));
            out.write(frame(0x80, java.util.Arrays.copyOfRange(text, half, text.length)));
            out.write(frame(0x81, longEvent.getBytes(StandardCharsets.UTF_8)));
            out.flush();
            return clientFrame(in, 0xA);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String head(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            head.write(in.read());
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static byte[] frame(int first, byte[] payload) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(first);
        if (payload.length < 126) {
            frame.write(payload.length);
        } else if (payload.length < 65_536) {
            frame.write(126);
            frame.write(payload.length >> 8);
            frame.write(payload.length);
        } else {
            frame.write(127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) ((long) payload.length >> shift));
            }
        }
        frame.writeBytes(payload);
        return frame.toByteArray();
    }

    /** One client frame: it must be final, of the expected opcode and masked. */
    private static byte[] clientFrame(InputStream stream, int opcode) throws IOException {
        DataInputStream in = new DataInputStream(stream);
        int b0 = in.readUnsignedByte();
        int b1 = in.readUnsignedByte();
        assertEquals(0x80 | opcode, b0, "final frame of opcode " + opcode);
        assertTrue((b1 & 0x80) != 0, "client frames are masked");
        int length = b1 & 0x7f;
        if (length == 126) {
            length = in.readUnsignedShort();
        }
        byte[] mask = in.readNBytes(4);
        byte[] payload = in.readNBytes(length);
        for (int i = 0; i < payload.length; i++) {
            payload[i] ^= mask[i & 3];
        }
        return payload;
    }
}
