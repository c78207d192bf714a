package ai.aragora.api.cluster;

import java.util.Objects;

/** One message on a channel, with the instance that published it. */
public record ClusterMessage(String channel, String origin, String payload) {

    public ClusterMessage {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(payload, "payload");
    }
}
