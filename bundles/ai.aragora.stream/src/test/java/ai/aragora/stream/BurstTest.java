package ai.aragora.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class BurstTest {

    private long now;

    private static StreamConnection connection(FakeSession session) {
        return new StreamConnection("c1", ai.aragora.api.auth.AuthPrincipal.anonymous(), session, 100, 2, new TokenBucket(2, 2, 0),
                Runnable::run, closed -> { });
    }

    private static ByteBuffer utf8(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void queuedMessagesWaitForTheReleaseAndThenGoOutInOrder() {
        FakeSession first = new FakeSession();
        FakeSession second = new FakeSession();
        StreamConnection a = connection(first);
        StreamConnection b = connection(second);
        Burst burst = new Burst(() -> now);

        assertThat(burst.queue(a, utf8("e1"))).isTrue();
        assertThat(burst.queue(b, utf8("e1"))).isTrue();
        assertThat(burst.queue(a, utf8("e2"))).isTrue();
        assertThat(first.sent).as("no writer woken before the release").isEmpty();
        assertThat(a.pending()).as("counted against the client's buffer while held").isEqualTo(2);

        burst.release();
        assertThat(first.sent).containsExactly("e1", "e2");
        assertThat(second.sent).containsExactly("e1");
        assertThat(a.pending()).isZero();

        burst.release();
        assertThat(first.sent).as("nothing is sent twice").hasSize(2);
    }

    @Test
    void aHeldMessageIsDueAfterTheLongestHoldEvenWhileMoreAreQueued() {
        StreamConnection a = connection(new FakeSession());
        Burst burst = new Burst(() -> now);
        assertThat(burst.due()).as("nothing held").isFalse();

        burst.queue(a, utf8("e1"));
        now += Burst.MAX_HOLD_NANOS - 1;
        burst.queue(a, utf8("e2"));
        assertThat(burst.due()).isFalse();
        now += 1;
        assertThat(burst.due()).as("the oldest message's wait counts, not the newest's").isTrue();

        burst.release();
        assertThat(burst.due()).isFalse();
    }

    @Test
    void aClosedClientTakesNothing() {
        FakeSession session = new FakeSession();
        StreamConnection a = connection(session);
        a.markClosed();
        Burst burst = new Burst(() -> now);
        assertThat(burst.queue(a, utf8("e1"))).isFalse();
        assertThat(burst.due()).isFalse();
    }
}
