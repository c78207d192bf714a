package ai.aragora.agents.demo;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;

import ai.aragora.api.agent.AgentException;

/**
 * A simulated model's response time: the answer is ready at once but handed over by a timer
 * after the configured delay, so thousands of waiting calls cost queue entries, not threads.
 */
final class Latency {

    private final DelayLine timer;
    private volatile long millis;

    Latency(DelayLine timer, long millis) {
        this.timer = timer;
        this.millis = millis;
    }

    long millis() {
        return millis;
    }

    void set(long value) {
        millis = Math.max(0, value);
    }

    <T> CompletionStage<T> deliver(T answer) {
        long delay = millis;
        if (delay <= 0) {
            return CompletableFuture.completedFuture(answer);
        }
        CompletableFuture<T> later = new CompletableFuture<>();
        try {
            timer.complete(later, answer, delay);
        } catch (RejectedExecutionException stopped) {
            later.completeExceptionally(stopping());
        }
        return later;
    }

    /** What a call still waiting, or made, once the demo agents stop gets. */
    static AgentException stopping() {
        return new AgentException(AgentException.Kind.UNAVAILABLE, "the demo agents are stopping");
    }
}
