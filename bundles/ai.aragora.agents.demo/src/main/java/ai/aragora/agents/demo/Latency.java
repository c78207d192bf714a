package ai.aragora.agents.demo;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import ai.aragora.api.agent.AgentException;

/**
 * A simulated model's response time: the answer is ready at once but handed over by a timer
 * after the configured delay, so thousands of waiting calls cost heap entries, not threads.
 */
final class Latency {

    private final ScheduledExecutorService timer;
    private volatile long millis;

    Latency(ScheduledExecutorService timer, long millis) {
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
            timer.schedule(() -> later.complete(answer), delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopped) {
            later.completeExceptionally(new AgentException(AgentException.Kind.UNAVAILABLE, "the demo agents are stopping"));
        }
        return later;
    }
}
