package ai.aragora.stream;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import ai.aragora.api.auth.AuthPrincipal;

/**
 * Offers a feed's messages to its clients, on the fan-out thread: to those subscribed by id that
 * may see the debate's org and lack the event, and to the org's watchers. Encoded once, the
 * bytes are shared by every client; the clients' writers are woken by the {@link Burst}.
 */
final class FeedSender {

    private final StreamProtocol protocol;
    private final OrgWatchers orgWatchers;
    private final StreamStats stats;
    private final LongSupplier millis;
    private final Consumer<DebateFeed> ended;
    private final Burst burst;

    /** @param ended told of a feed whose last event was just passed on */
    FeedSender(StreamProtocol protocol, OrgWatchers orgWatchers, StreamStats stats, LongSupplier millis, Consumer<DebateFeed> ended,
            Burst burst) {
        this.protocol = protocol;
        this.orgWatchers = orgWatchers;
        this.stats = stats;
        this.millis = millis;
        this.ended = ended;
        this.burst = burst;
    }

    /** Passes the event on as the feed's next: the caller made sure it follows {@link DebateFeed#lastSeq}. */
    void send(DebateFeed feed, StreamEvent event) {
        feed.lastSeq = event.seq();
        ByteBuffer utf8 = utf8(event.json());
        int sent = 0;
        for (Map.Entry<StreamConnection, Long> entry : feed.audience.entrySet()) {
            StreamConnection c = entry.getKey();
            if (entry.getValue() >= event.seq()) {
                continue;
            }
            if (!maySee(c, feed)) {
                if (feed.orgId != null) {
                    feed.audience.remove(c);
                    c.subscriptions().remove(feed.debateId);
                }
                continue;
            }
            sent += burst.queue(c, utf8) ? 1 : 0;
        }
        sent += orgWatchers.offer(feed, utf8, burst);
        stats.sent(millis.getAsLong(), sent);
        if (event.last()) {
            ended.accept(feed);
        }
    }

    /** An event passed on before {@code clients} joined: to those of them whose sync ended before it. */
    void missed(DebateFeed feed, Collection<StreamConnection> clients, StreamEvent event) {
        ByteBuffer utf8 = utf8(event.json());
        int sent = 0;
        for (StreamConnection c : clients) {
            Long after = feed.behind.get(c);
            if (after != null && after < event.seq() && maySee(c, feed)) {
                sent += burst.queue(c, utf8) ? 1 : 0;
            }
        }
        stats.sent(millis.getAsLong(), sent);
    }

    /** The debate's state with the feed's {@code last_seq}, to its clients by id and, when {@code toOrg}, its org's watchers. */
    void sync(DebateFeed feed, Map<String, Object> state, boolean toOrg) {
        state.put("last_seq", feed.lastSeq);
        ByteBuffer utf8 = utf8(protocol.sync(state));
        feed.audience.keySet().forEach(c -> burst.queue(c, utf8));
        if (toOrg) {
            orgWatchers.offer(feed, utf8, burst);
        }
    }

    private static boolean maySee(StreamConnection c, DebateFeed feed) {
        return c.principal().kind() == AuthPrincipal.Kind.ADMIN || feed.orgId != null && c.principal().canSee(feed.orgId);
    }

    private static ByteBuffer utf8(String json) {
        return ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8)).asReadOnlyBuffer();
    }
}
