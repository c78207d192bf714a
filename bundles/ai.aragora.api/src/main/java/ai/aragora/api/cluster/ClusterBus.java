package ai.aragora.api.cluster;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Publish/subscribe between the instances of one installation. Delivery is at most once and
 * in publish order per channel from one publisher; a listener learns through
 * {@link ClusterListener#reconnected()} that messages may have been lost while the broker was
 * away, and fills the gap from the store. Every instance receives its own messages too; a
 * listener that must not act on them compares {@link ClusterMessage#origin()} with
 * {@link #instanceId()}.
 */
@ProviderType
public interface ClusterBus {

    /** Unique per process, stable for its lifetime. */
    String instanceId();

    /**
     * Sends {@code payload} (UTF-8 text, usually JSON) to every subscriber of {@code channel}.
     * Never blocks for long: while the broker is unreachable the message is dropped and counted.
     */
    void publish(String channel, String payload);

    /** Subscribes until the returned handle is closed; survives broker restarts. */
    AutoCloseable subscribe(String channel, ClusterListener listener);

    /** Whether the broker is reachable right now. */
    boolean connected();
}
