package ai.aragora.api.agent;

import java.time.Instant;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The context every call carries: which debate, the task, the round, when the answer is due,
 * the debate's seed (deterministic agents use it) and where streamed tokens go.
 */
public record Turn(String debateId, String task, String context, int round, Instant deadline, long seed,
        Consumer<String> tokens) {

    private static final Consumer<String> DISCARD = t -> { };

    public Turn {
        Objects.requireNonNull(debateId, "debateId");
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(deadline, "deadline");
        context = context == null ? "" : context;
        tokens = tokens == null ? DISCARD : tokens;
    }
}
