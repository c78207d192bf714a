package ai.aragora.itest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.ServiceReference;

import ai.aragora.api.debate.DebateSpec;
import ai.aragora.api.debate.DebateStatus;
import ai.aragora.api.event.DebateEvent;
import ai.aragora.api.event.DebateListener;
import ai.aragora.api.event.EventType;
import ai.aragora.api.storage.DebateRecord;
import ai.aragora.api.storage.DebateStore;

/**
 * The WebSocket event stream: on the stream port at any path and at /ws on the API port, with
 * many subscribers of which one is deliberately slow; the slow one is dropped, the others get
 * every event in order, and the producer never waits.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class StreamIT extends AragoraTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Pattern SEQ = Pattern.compile("\"seq\":(\\d+)");

    @Override
    protected List<String> features() {
        return List.of("core", "http", "sqlite");
    }

    @Before
    public void ready() throws Exception {
        await("/readyz", WAIT, () -> status("/readyz") == 200);
    }

    /** A client that keeps every text message; a slow one stops reading after the first. */
    static final class Client implements WebSocket.Listener {
        final List<String> messages = new CopyOnWriteArrayList<>();
        final CompletableFuture<String> closed = new CompletableFuture<>();
        final boolean slow;
        private final StringBuilder partial = new StringBuilder();
        private final AtomicLong events = new AtomicLong();

        Client(boolean slow) {
            this.slow = slow;
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String message = partial.toString();
                messages.add(message);
                if (message.contains("\"loop_id\"")) {
                    events.incrementAndGet();
                }
                partial.setLength(0);
            }
            if (!slow) {
                socket.request(1);
            }
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int status, String reason) {
            closed.complete(status + " " + reason);
            return null;
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            closed.complete("error " + error);
        }

        long events() {
            return events.get();
        }
    }

    /** Connects as the admin, who may follow any debate. */
    private WebSocket connect(String url, Client client) throws Exception {
        return connect(url, client, adminToken());
    }

    private WebSocket connect(String url, Client client, String bearer) throws Exception {
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
        if (bearer != null) {
            builder.header("Authorization", "Bearer " + bearer);
        }
        return builder.buildAsync(URI.create(url), client).get(10, TimeUnit.SECONDS);
    }

    /** Fewer than the six clients of the slow-subscriber test while none of its fast ones closed. */
    private boolean slowDropped() {
        int now = clients();
        return now >= 0 && now < 6;
    }

    private int clients() {
        try {
            Matcher m = Pattern.compile("\"clients\":(\\d+)").matcher(get("/api/health/ws").body());
            return m.find() ? Integer.parseInt(m.group(1)) : -1;
        } catch (Exception e) {
            return -1;
        }
    }

    private DebateListener hub() throws Exception {
        for (ServiceReference<DebateListener> ref : context.getServiceReferences(DebateListener.class, null)) {
            DebateListener listener = context.getService(ref);
            if (listener.getClass().getName().equals("ai.aragora.stream.StreamHub")) {
                return listener;
            }
        }
        throw new AssertionError("the stream hub is not registered");
    }

    @Test
    public void streamPortAnswersOnAnyPathAndTheApiPortAtWs() throws Exception {
        Client onStreamPort = new Client(false);
        WebSocket a = connect("ws://127.0.0.1:" + launched().wsPort() + "/any/path/at/all", onStreamPort);
        Client onApiPort = new Client(false);
        WebSocket b = connect("ws://127.0.0.1:" + launched().apiPort() + "/ws", onApiPort);
        await("connection info on both", WAIT, () -> onStreamPort.messages.size() >= 1 && onApiPort.messages.size() >= 1);
        assertThat(onStreamPort.messages.get(0)).contains("\"type\":\"connection_info\"", "\"client_id\"",
                "\"authenticated\":true", "\"write_access\":true");
        assertThat(onApiPort.messages.get(0)).contains("\"type\":\"connection_info\"");
        assertThat(get("/api/health/ws").body()).contains("\"status\":\"healthy\"").containsPattern("\"clients\":[1-9]");

        a.sendText("{\"type\":\"subscribe\",\"debate_id\":\"d-any\"}", true);
        await("subscribed", WAIT, () -> onStreamPort.messages.stream().anyMatch(m -> m.contains("\"type\":\"subscribed\"")));
        a.sendText("{\"type\":\"subscribe\"}", true);
        await("an error naming the problem", WAIT,
                () -> onStreamPort.messages.stream().anyMatch(m -> m.contains("\"code\":\"invalid_debate_id\"")));
        a.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        b.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
    }

    @Test
    public void aPlainRequestOnTheStreamPortIsToldToUpgrade() throws Exception {
        var response = http.send(java.net.http.HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + launched().wsPort() + "/")).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(426);
        assertThat(response.body()).contains("\"code\":\"upgrade_required\"");
    }

    @Test
    public void oversizedMessagesCloseTheConnection() throws Exception {
        Client client = new Client(false);
        WebSocket socket = connect("ws://127.0.0.1:" + launched().wsPort() + "/", client);
        socket.sendText("{\"type\":\"ping\",\"pad\":\"" + "x".repeat(70_000) + "\"}", true);
        assertThat(client.closed.get(10, TimeUnit.SECONDS)).startsWith("1009");
    }

    @Test
    public void aSlowSubscriberIsDroppedWithoutSlowingTheOthers() throws Exception {
        // Every client of an earlier test closes; waiting for that makes a drop in the count this test's own.
        await("earlier tests' clients to close", WAIT, () -> clients() == 0);
        String debate = "d-slow-" + System.nanoTime();
        List<Client> fast = new ArrayList<>();
        List<WebSocket> sockets = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Client c = new Client(false);
            fast.add(c);
            sockets.add(connect("ws://127.0.0.1:" + launched().wsPort() + "/", c));
        }
        Client slow = new Client(true);
        WebSocket slowSocket = connect("ws://127.0.0.1:" + launched().wsPort() + "/", slow);
        // Demand for its first few messages (connection info, subscribed), then it stops reading.
        slowSocket.request(2);
        List<Client> everyone = new ArrayList<>(fast);
        everyone.add(slow);
        for (WebSocket s : sockets) {
            s.sendText("{\"type\":\"subscribe\",\"debate_id\":\"" + debate + "\"}", true);
        }
        slowSocket.sendText("{\"type\":\"subscribe\",\"debate_id\":\"" + debate + "\"}", true);
        await("every client subscribed", WAIT, () -> everyone.stream().allMatch(
                c -> c.messages.stream().anyMatch(m -> m.contains("\"type\":\"subscribed\""))));

        DebateListener hub = hub();
        // Published in rounds the fast clients keep up with (a round is well under their buffer, so
        // however slow this machine is they are never the ones dropped), until the slow client's
        // kernel socket buffers and then its own buffer overflow. 8 KB events fill the kernel's
        // buffers within a few thousand; the bound only stops a broken server from looping forever.
        String padding = "p".repeat(8_000);
        int round = 256;
        assertThat(clients()).as("clients on the stream").isEqualTo(6);
        int events = 0;
        while (!slowDropped()) {
            assertThat(events).as("events published without the slow client being dropped").isLessThan(40_000);
            for (int i = 0; i < round; i++) {
                events++;
                hub.onEvent(new DebateEvent(debate, events, EventType.AGENT_MESSAGE, Instant.now(), 1, "demo-critical",
                        Map.of("content", padding)));
            }
            int published = events;
            await("every fast client to get the " + published + " events so far", Duration.ofSeconds(60),
                    () -> fast.stream().allMatch(c -> c.events() == published));
            assertThat(fast).as("no fast client closed").allMatch(c -> !c.closed.isDone());
        }
        for (Client c : fast) {
            long previous = 0;
            for (String m : c.messages) {
                Matcher seq = SEQ.matcher(m);
                if (m.contains("\"loop_id\"") && seq.find()) {
                    long s = Long.parseLong(seq.group(1));
                    assertThat(s).isEqualTo(previous + 1);
                    previous = s;
                }
            }
        }
        assertThat(everyone).hasSize(6);
        slowSocket.request(Long.MAX_VALUE);
        assertThat(slow.closed.get(30, TimeUnit.SECONDS)).as("told why, once it reads again").startsWith("1008").contains("slow consumer");
        for (WebSocket s : sockets) {
            s.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        }
    }

    @Test
    public void anonymousClientsMayConnectButNotFollowDebates() throws Exception {
        Client anonymous = new Client(false);
        WebSocket socket = connect("ws://127.0.0.1:" + launched().wsPort() + "/", anonymous, null);
        await("connection info", WAIT, () -> !anonymous.messages.isEmpty());
        assertThat(anonymous.messages.get(0)).contains("\"authenticated\":false", "\"write_access\":false");
        socket.sendText("{\"type\":\"subscribe\",\"debate_id\":\"d-any\"}", true);
        await("refused", WAIT, () -> anonymous.messages.stream().anyMatch(m -> m.contains("\"code\":\"unauthorized\"")));
        assertThat(anonymous.messages).noneMatch(m -> m.contains("\"type\":\"subscribed\""));

        Client forged = new Client(false);
        assertThatThrownBy(() -> connect("ws://127.0.0.1:" + launched().wsPort() + "/", forged, "not-a-token"))
                .cause().isInstanceOfSatisfying(WebSocketHandshakeException.class,
                        e -> assertThat(e.getResponse().statusCode()).isEqualTo(401));
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
    }

    /** Following is bounded per connection, whether or not the debates exist. */
    @Test
    public void aConnectionFollowsAtMostAHundredDebates() throws Exception {
        Client client = new Client(false);
        WebSocket socket = connect("ws://127.0.0.1:" + launched().wsPort() + "/", client);
        for (int i = 0; i <= 100; i++) {
            socket.sendText("{\"type\":\"subscribe\",\"debate_id\":\"d-cap-" + i + "\"}", true).get(10, TimeUnit.SECONDS);
            // under the sustained rate of 20 messages a second: this is about the cap, not the rate limit
            Thread.sleep(60);
        }
        await("the 101st refused", WAIT, () -> client.messages.stream().anyMatch(m -> m.contains("\"code\":\"too_many_subscriptions\"")));
        assertThat(client.messages).filteredOn(m -> m.contains("\"type\":\"subscribed\"")).hasSize(100);
        assertThat(client.messages).noneMatch(m -> m.contains("\"code\":\"rate_limited\""));
        assertThat(client.messages.stream().filter(m -> m.contains("too_many_subscriptions")).findFirst().orElseThrow())
                .startsWith("{\"type\":\"error\",\"data\":{").contains("\"message\":\"at most 100 subscriptions per connection");
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
    }

    /** The REST rule holds on the stream: another org's debate looks like no debate, and none of its events arrive. */
    @Test
    public void aClientOnlyFollowsItsOwnOrgsDebates() throws Exception {
        Account alice = register("alice");
        Account mallory = register("mallory");
        String debate = "d-org-" + System.nanoTime();
        ServiceReference<DebateStore> ref = context.getServiceReference(DebateStore.class);
        DebateStore store = context.getService(ref);
        Instant now = Instant.now();
        DebateSpec spec = DebateSpec.builder("Should we ship?").agents(List.of("demo-a", "demo-b")).orgId(alice.orgId()).build();
        store.create(new DebateRecord(debate, spec, alice.userId(), DebateStatus.RUNNING, 0, false, now, now))
                .toCompletableFuture().get(10, TimeUnit.SECONDS);

        Client owner = new Client(false);
        WebSocket a = connect("ws://127.0.0.1:" + launched().wsPort() + "/", owner, alice.accessToken());
        Client intruder = new Client(false);
        WebSocket m = connect("ws://127.0.0.1:" + launched().apiPort() + "/ws", intruder, mallory.accessToken());
        a.sendText("{\"type\":\"subscribe\",\"debate_id\":\"" + debate + "\"}", true);
        m.sendText("{\"type\":\"subscribe\",\"debate_id\":\"" + debate + "\"}", true);
        await("the owner's sync", WAIT, () -> owner.messages.stream().anyMatch(x -> x.contains("\"type\":\"sync\"")));
        await("the intruder's answer", WAIT, () -> intruder.messages.stream().anyMatch(x -> x.contains("\"code\":\"not_found\"")));

        hub().onEvent(new DebateEvent(debate, 1, EventType.AGENT_MESSAGE, Instant.now(), 1, "demo-a", Map.of("content", "secret plan")));
        await("the owner gets the event", WAIT, () -> owner.events() == 1);
        Thread.sleep(300);
        assertThat(intruder.events()).isZero();
        assertThat(intruder.messages).noneMatch(x -> x.contains("secret plan") || x.contains("Should we ship"));
        a.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        m.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        context.ungetService(ref);
    }
}
