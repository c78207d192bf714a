package ai.aragora.stream;

import java.util.ArrayDeque;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;

import ai.aragora.api.auth.AuthPrincipal;

/**
 * One client. Outgoing messages wait in a bounded queue and are written one at a time as the
 * socket accepts them, so a slow client costs its own buffer and nothing else: when the buffer
 * is full the client is dropped with a reason instead of slowing the debate that produces events.
 */
final class StreamConnection {

    private final String id;
    private final AuthPrincipal principal;
    private final Session session;
    private final int capacity;
    private final int maxSubscriptions;
    private final TokenBucket bucket;
    private final Set<String> subscriptions = ConcurrentHashMap.newKeySet();
    private final ArrayDeque<String> queue = new ArrayDeque<>();
    private final Callback written = Callback.from(this::sent, this::failed);
    private boolean sending;
    private boolean inSend;
    private boolean closed;
    private volatile boolean tooSlow;
    private int violations;

    StreamConnection(String id, AuthPrincipal principal, Session session, int capacity, int maxSubscriptions, TokenBucket bucket) {
        this.id = id;
        this.principal = principal;
        this.session = session;
        this.capacity = capacity;
        this.maxSubscriptions = maxSubscriptions;
        this.bucket = bucket;
    }

    String id() {
        return id;
    }

    /** Whether the connection was closed because its send buffer filled up. */
    boolean droppedForSlowness() {
        return tooSlow;
    }

    /** Who connected: fixed at the upgrade request, anonymous without credentials. */
    AuthPrincipal principal() {
        return principal;
    }

    Set<String> subscriptions() {
        return subscriptions;
    }

    /**
     * Takes a subscription slot for the debate: false when every slot is taken by others. Ids of
     * debates that do not exist (yet) take slots too, or a client could follow any number of them.
     */
    synchronized boolean subscribe(String debateId) {
        if (subscriptions.size() >= maxSubscriptions && !subscriptions.contains(debateId)) {
            return false;
        }
        subscriptions.add(debateId);
        return true;
    }

    int maxSubscriptions() {
        return maxSubscriptions;
    }

    /** Queues a message; false when the client is gone or was just dropped for being too slow. */
    synchronized boolean offer(String text) {
        if (closed) {
            return false;
        }
        if (queue.size() >= capacity) {
            tooSlow = true;
            close(StatusCode.POLICY_VIOLATION, "slow consumer: more than " + capacity + " messages waiting");
            return false;
        }
        queue.add(text);
        pump();
        return true;
    }

    /** Counts a message from the client against its rate; persistent abuse closes the connection. */
    synchronized boolean admit(long nowNanos) {
        if (bucket.tryTake(nowNanos)) {
            return true;
        }
        if (++violations > capacity) {
            close(StatusCode.POLICY_VIOLATION, "rate limit exceeded repeatedly");
        }
        return false;
    }

    synchronized boolean isClosed() {
        return closed;
    }

    synchronized int pending() {
        return queue.size();
    }

    synchronized void close(int status, String reason) {
        if (closed) {
            return;
        }
        closed = true;
        queue.clear();
        session.close(status, reason, Callback.NOOP);
    }

    synchronized void markClosed() {
        closed = true;
        queue.clear();
    }

    private void pump() {
        while (!sending && !closed) {
            String next = queue.poll();
            if (next == null) {
                return;
            }
            sending = true;
            inSend = true;
            session.sendText(next, written);
            inSend = false;
        }
    }

    private synchronized void sent() {
        sending = false;
        // A write that completes inside sendText returns to the loop in pump(); only a later one resumes it.
        if (!inSend) {
            pump();
        }
    }

    private synchronized void failed(Throwable cause) {
        sending = false;
        closed = true;
        queue.clear();
    }
}
