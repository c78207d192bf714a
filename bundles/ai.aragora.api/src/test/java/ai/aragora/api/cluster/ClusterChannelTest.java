package ai.aragora.api.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class ClusterChannelTest {

    /** A bus that keeps its subscribers so the test can deliver to them, and records what it was sent. */
    static final class Bus implements ClusterBus {
        final String id;
        final List<ClusterListener> subscribers = new ArrayList<>();
        final List<String> published = new ArrayList<>();

        Bus(String id) {
            this.id = id;
        }

        @Override
        public String instanceId() {
            return id;
        }

        @Override
        public void publish(String channel, String payload) {
            published.add(channel + ": " + payload);
        }

        @Override
        public AutoCloseable subscribe(String channel, ClusterListener listener) {
            subscribers.add(listener);
            return () -> subscribers.remove(listener);
        }

        @Override
        public boolean connected() {
            return true;
        }

        void deliver(String origin, String payload) {
            List.copyOf(subscribers).forEach(l -> l.onMessage(new ClusterMessage("c", origin, payload)));
        }
    }

    final List<String> heard = new ArrayList<>();
    final ClusterChannel channel = new ClusterChannel("c", new ClusterListener() {
        @Override
        public void onMessage(ClusterMessage message) {
            heard.add(message.origin() + ": " + message.payload());
        }

        @Override
        public void reconnected() {
            heard.add("reconnected");
        }
    });

    @Test
    void withoutABusNothingIsSentAndNothingHeard() {
        assertThat(channel.bound()).isFalse();
        assertThat(channel.publish("x")).isFalse();
    }

    @Test
    void theOthersMessagesAndReconnectionsAreHeardNotOurOwn() {
        Bus bus = new Bus("A");
        channel.bind(bus);
        assertThat(channel.publish("x")).isTrue();
        assertThat(bus.published).containsExactly("c: x");
        bus.deliver("A", "mine");
        bus.deliver("B", "theirs");
        bus.subscribers.forEach(ClusterListener::reconnected);
        assertThat(heard).containsExactly("B: theirs", "reconnected");
    }

    @Test
    void aNewBusReplacesTheOldAndOnlyTheBoundOneIsUnbound() {
        Bus first = new Bus("A");
        Bus second = new Bus("A");
        channel.bind(first);
        ClusterListener stale = first.subscribers.get(0);
        channel.bind(second);
        assertThat(first.subscribers).as("the first subscription is closed").isEmpty();
        stale.onMessage(new ClusterMessage("c", "B", "late"));
        stale.reconnected();
        assertThat(heard).as("a replaced bus's late deliveries go nowhere").isEmpty();

        channel.unbind(first);
        assertThat(channel.bound()).isTrue();
        channel.unbind(second);
        assertThat(channel.bound()).isFalse();
        assertThat(second.subscribers).isEmpty();
        assertThat(channel.publish("x")).isFalse();
    }
}
