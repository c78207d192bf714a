package ai.aragora.api.cluster;

import org.osgi.annotation.versioning.ConsumerType;

/** Receives a channel's messages on the bus's thread: it must hand long work off. */
@ConsumerType
public interface ClusterListener {

    void onMessage(ClusterMessage message);

    /** The subscription was re-established after the broker was unreachable; messages may be missing. */
    default void reconnected() {
    }
}
