package ai.aragora.stream;

import java.nio.ByteBuffer;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * The clients the fan-out thread queued messages for since it last woke their writers. A
 * debate announces a phase's events microseconds apart; waking each client's writer once after
 * the run of events costs one hand-over to the writers' pool a client instead of one a message
 * (the writer already sends what it finds queued in one write). Used on the fan-out thread only.
 */
final class Burst {

    /** How long a queued message may wait for its writer while the fan-out thread keeps busy. */
    static final long MAX_HOLD_NANOS = 1_000_000;

    private final Set<StreamConnection> held = new LinkedHashSet<>();
    private final LongSupplier nanos;
    private long since;

    Burst(LongSupplier nanos) {
        this.nanos = nanos;
    }

    /** Queues the message for the client, its writer woken at the next {@link #release}; false if the client did not take it. */
    boolean queue(StreamConnection c, ByteBuffer utf8) {
        if (!c.queue(utf8)) {
            return false;
        }
        if (held.isEmpty()) {
            since = nanos.getAsLong();
        }
        held.add(c);
        return true;
    }

    /** Whether a message has waited {@link #MAX_HOLD_NANOS} already: under steady load the queue may never run empty. */
    boolean due() {
        return !held.isEmpty() && nanos.getAsLong() - since >= MAX_HOLD_NANOS;
    }

    /** Wakes the writer of every client that got messages since the last release. */
    void release() {
        for (StreamConnection c : held) {
            c.wake();
        }
        held.clear();
    }
}
