package ai.aragora.storage.redis;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

import ai.aragora.api.health.ComponentHealth;

/**
 * Whether the subscriber connection is up, why not, and the counters the metrics show. Read by
 * probes and publishers without touching the network.
 */
final class LinkState {

    final AtomicLong published = new AtomicLong();
    final AtomicLong dropped = new AtomicLong();
    final AtomicLong received = new AtomicLong();
    final AtomicLong reconnects = new AtomicLong();

    private volatile boolean up;
    private volatile String problem = "not connected yet";

    boolean up() {
        return up;
    }

    void connected() {
        up = true;
    }

    void lost(Throwable cause) {
        lost(describe(cause));
    }

    void lost(String reason) {
        up = false;
        problem = reason;
    }

    String problem() {
        return problem;
    }

    ComponentHealth health() {
        return up ? ComponentHealth.healthy() : ComponentHealth.degraded("redis unreachable: " + problem + "; retrying");
    }

    /**
     * The innermost message, which names the cause (connection refused, WRONGPASS ...). Jedis
     * keeps a refused connection as a suppressed exception of "failed to connect to any host".
     */
    static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root.getSuppressed().length > 0) {
            return describe(root.getSuppressed()[0]);
        }
        String message = root.getMessage() == null || root.getMessage().isBlank() ? root.getClass().getSimpleName() : root.getMessage();
        message = message.strip();
        return message.substring(0, 1).toLowerCase(Locale.ROOT) + message.substring(1);
    }
}
