package ai.aragora.resilience;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

import ai.aragora.api.resilience.CircuitBreaker;
import ai.aragora.api.resilience.CircuitOpenException;
import ai.aragora.api.resilience.FailureClassifier;
import ai.aragora.api.resilience.FailureVerdict;
import ai.aragora.api.resilience.RetryPolicy;

/** One guarded call: attempts through the breaker, waits between them on the scheduler, never blocks. */
final class RetryingCall<T> {

    private final CircuitBreaker breaker;
    private final RetryPolicy policy;
    private final Instant deadline;
    private final FailureClassifier classifier;
    private final Supplier<? extends CompletionStage<T>> attempt;
    private final Scheduler scheduler;
    private final Clock clock;
    private final DoubleSupplier random;
    private final CompletableFuture<T> result = new CompletableFuture<>();

    RetryingCall(CircuitBreaker breaker, RetryPolicy policy, Instant deadline, FailureClassifier classifier,
            Supplier<? extends CompletionStage<T>> attempt, Scheduler scheduler, Clock clock, DoubleSupplier random) {
        this.breaker = breaker;
        this.policy = policy;
        this.deadline = deadline;
        this.classifier = classifier;
        this.attempt = attempt;
        this.scheduler = scheduler;
        this.clock = clock;
        this.random = random;
    }

    CompletionStage<T> start() {
        run(1);
        return result;
    }

    private void run(int number) {
        if (!breaker.tryAcquire()) {
            result.completeExceptionally(new CircuitOpenException(breaker.name(), breaker.snapshot().cooldownRemaining()));
            return;
        }
        CompletionStage<T> stage;
        try {
            stage = attempt.get();
        } catch (RuntimeException e) {
            stage = CompletableFuture.failedFuture(e);
        }
        stage.whenComplete((value, failure) -> {
            if (failure == null) {
                breaker.onSuccess();
                result.complete(value);
            } else {
                failed(number, unwrap(failure));
            }
        });
    }

    private void failed(int number, Throwable cause) {
        FailureVerdict verdict;
        try {
            verdict = classifier.classify(cause);
        } catch (RuntimeException e) {
            verdict = FailureVerdict.FATAL;
        }
        breaker.onFailure(verdict.counted());
        if (!verdict.retryable() || number >= policy.maxAttempts()) {
            result.completeExceptionally(cause);
            return;
        }
        Duration delay = delay(number, verdict.retryAfter());
        if (clock.instant().plus(delay).isAfter(deadline)) {
            result.completeExceptionally(cause);
            return;
        }
        try {
            scheduler.schedule(() -> run(number + 1), delay);
        } catch (RuntimeException refused) {
            // The scheduler is shutting down (the service is being reconfigured): fail now, not never.
            result.completeExceptionally(cause);
        }
    }

    /** Backoff with jitter either way, but never shorter than what the target asked for. */
    Duration delay(int number, Duration retryAfter) {
        Duration backoff = policy.backoff(number);
        double spread = 1 + policy.jitter() * (2 * random.getAsDouble() - 1);
        Duration jittered = Duration.ofNanos((long) (backoff.toNanos() * spread));
        return retryAfter != null && retryAfter.compareTo(jittered) > 0 ? retryAfter : jittered;
    }

    static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
