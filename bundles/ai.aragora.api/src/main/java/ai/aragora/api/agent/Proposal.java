package ai.aragora.api.agent;

import java.util.Objects;

/** An agent's answer to the task in one round. */
public record Proposal(String agent, String content, Usage usage) {

    public Proposal {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(content, "content");
        usage = usage == null ? Usage.NONE : usage;
    }
}
