package ai.aragora.api.debate;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of the transcript, numbered from 0 in the order it was said. Roles: {@code proposer}
 * (proposals and revisions), {@code critic}, {@code voter}, {@code judge}, {@code trickster}
 * (the engine's challenge to hollow agreement) and {@code system}.
 */
public record Message(int index, String role, String agent, String content, int round, Instant timestamp) {

    public Message {
        if (index < 0) {
            throw new IllegalArgumentException("index must not be negative");
        }
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(timestamp, "timestamp");
    }
}
