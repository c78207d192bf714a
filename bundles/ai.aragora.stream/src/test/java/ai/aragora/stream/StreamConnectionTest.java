package ai.aragora.stream;

import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.jetty.websocket.api.StatusCode;
import org.junit.jupiter.api.Test;

class StreamConnectionTest {

    private static StreamConnection connection(FakeSession session, int capacity) {
        return new StreamConnection("c1", ai.aragora.api.auth.AuthPrincipal.anonymous(), session, capacity, 2, new TokenBucket(2, 2, 0),
                Runnable::run, closed -> { });
    }

    @Test
    void subscriptionsAreCappedButTheSameOneMayBeRenewed() {
        StreamConnection c = connection(new FakeSession(), 4);
        assertThat(c.subscribe("d1")).isTrue();
        assertThat(c.subscribe("d2")).isTrue();
        assertThat(c.subscribe("d3")).as("both slots taken").isFalse();
        assertThat(c.subscribe("d1")).as("already followed").isTrue();
        assertThat(c.subscriptions()).containsExactlyInAnyOrder("d1", "d2");

        c.subscriptions().remove("d2");
        assertThat(c.subscribe("d3")).isTrue();
    }

    @Test
    void deliversInOrderWhenTheSocketKeepsUp() {
        FakeSession session = new FakeSession();
        StreamConnection c = connection(session, 4);
        for (int i = 0; i < 100_000; i++) {
            assertThat(c.offer("m" + i)).isTrue();
        }
        assertThat(session.sent).hasSize(100_000).startsWith("m0", "m1").endsWith("m99999");
        assertThat(c.pending()).isZero();
    }

    @Test
    void aStalledClientIsDroppedOnceItsBufferIsFullAndNothingMoreIsQueued() {
        FakeSession session = new FakeSession();
        session.stalled = true;
        StreamConnection c = connection(session, 3);
        assertThat(c.offer("a")).isTrue();
        assertThat(c.offer("b")).isTrue();
        assertThat(c.offer("c")).isTrue();
        assertThat(c.offer("d")).as("three wait unwritten: the buffer of 3 is full").isFalse();
        assertThat(session.closeStatus).isEqualTo(StatusCode.POLICY_VIOLATION);
        assertThat(session.closeReason).startsWith("slow consumer");
        assertThat(c.isClosed()).isTrue();
        assertThat(c.offer("e")).isFalse();
    }

    @Test
    void whatTheSocketHasWrittenFreesTheBuffer() {
        FakeSession session = new FakeSession();
        session.stalled = true;
        StreamConnection c = connection(session, 3);
        c.offer("a");
        c.offer("b");
        c.offer("c");
        assertThat(session.sent).as("handed to the socket in order, which gathers them").containsExactly("a", "b", "c");
        assertThat(c.pending()).isEqualTo(3);
        session.pending.remove(0).succeed();
        assertThat(c.pending()).isEqualTo(2);
        assertThat(c.offer("d")).isTrue();
        assertThat(c.isClosed()).isFalse();
        assertThat(session.sent).containsExactly("a", "b", "c", "d");
    }

    @Test
    void aClientThatKeepsFloodingIsDisconnected() {
        FakeSession session = new FakeSession();
        StreamConnection c = connection(session, 3);
        assertThat(c.admit(0)).isTrue();
        assertThat(c.admit(0)).isTrue();
        for (int i = 0; i < 3; i++) {
            assertThat(c.admit(0)).isFalse();
        }
        assertThat(session.closeStatus).isEqualTo(-1);
        assertThat(c.admit(0)).isFalse();
        assertThat(session.closeStatus).isEqualTo(StatusCode.POLICY_VIOLATION);
    }
}
