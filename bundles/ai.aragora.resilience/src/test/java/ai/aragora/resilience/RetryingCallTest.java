package ai.aragora.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import ai.aragora.api.resilience.BreakerSettings;
import ai.aragora.api.resilience.BreakerState;
import ai.aragora.api.resilience.CircuitBreaker;
import ai.aragora.api.resilience.CircuitOpenException;
import ai.aragora.api.resilience.FailureClassifier;
import ai.aragora.api.resilience.FailureVerdict;
import ai.aragora.api.resilience.Resilience;
import ai.aragora.api.resilience.RetryPolicy;

class RetryingCallTest {

    /** A failure the test classifies through its fields. */
    static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final FailureVerdict verdict;

        Failure(FailureVerdict verdict) {
            super("failure");
            this.verdict = verdict;
        }
    }

    private static final FailureClassifier CLASSIFY = t -> t instanceof Failure f ? f.verdict : FailureVerdict.FATAL;

    private final FakeTime time = new FakeTime();
    /** Jitter's random draw: 0.5 means no spread. */
    private double draw = 0.5;
    private final ResilienceService service = new ResilienceService(BreakerSettings.DEFAULT, RetryPolicy.DEFAULT, time,
            time, time::nanos, () -> draw);
    private final Deque<CompletionStage<String>> answers = new ArrayDeque<>();
    private final AtomicInteger attempts = new AtomicInteger();

    private CompletionStage<String> call(RetryPolicy policy, Duration budget) {
        CircuitBreaker breaker = service.breaker(Resilience.AGENTS, "claude");
        return service.execute(breaker, policy, time.instant().plus(budget), CLASSIFY, () -> {
            attempts.incrementAndGet();
            return answers.isEmpty() ? CompletableFuture.completedFuture("ok") : answers.poll();
        });
    }

    private void failWith(FailureVerdict verdict) {
        answers.add(CompletableFuture.failedFuture(new Failure(verdict)));
    }

    private static Throwable cause(CompletionStage<?> stage) {
        try {
            stage.toCompletableFuture().get();
            throw new AssertionError("expected a failure");
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void transientFailuresAreRetriedWithExponentialBackoff() throws Exception {
        failWith(FailureVerdict.transientFailure(null));
        failWith(FailureVerdict.transientFailure(null));
        assertThat(call(RetryPolicy.DEFAULT, Duration.ofMinutes(2)).toCompletableFuture().get()).isEqualTo("ok");
        assertThat(attempts).hasValue(3);
        assertThat(time.delays).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void retryAfterWinsOverAShorterBackoff() throws Exception {
        failWith(FailureVerdict.transientFailure(Duration.ofSeconds(7)));
        assertThat(call(RetryPolicy.DEFAULT, Duration.ofMinutes(2)).toCompletableFuture().get()).isEqualTo("ok");
        assertThat(time.delays).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void jitterSpreadsTheDelayWithinItsFraction() {
        RetryingCall<String> low = new RetryingCall<>(null, RetryPolicy.DEFAULT, Instant.MAX, CLASSIFY, null, time, time, () -> 0.0);
        RetryingCall<String> high = new RetryingCall<>(null, RetryPolicy.DEFAULT, Instant.MAX, CLASSIFY, null, time, time, () -> 0.999999);
        assertThat(low.delay(2, null)).isEqualTo(Duration.ofMillis(1600));
        assertThat(high.delay(2, null)).isBetween(Duration.ofMillis(2399), Duration.ofMillis(2400));
    }

    @Test
    void backoffIsCappedAtTheMaximumDelay() {
        assertThat(RetryPolicy.DEFAULT.backoff(10)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void finalFailuresAreNotRetried() {
        failWith(FailureVerdict.NOT_COUNTED);
        assertThat(cause(call(RetryPolicy.DEFAULT, Duration.ofMinutes(2)))).isInstanceOf(Failure.class);
        assertThat(attempts).hasValue(1);
        assertThat(time.delays).isEmpty();
    }

    @Test
    void theLastFailureIsReportedWhenAttemptsRunOut() {
        for (int i = 0; i < 3; i++) {
            failWith(FailureVerdict.transientFailure(null));
        }
        assertThat(cause(call(RetryPolicy.DEFAULT, Duration.ofMinutes(2)))).isInstanceOf(Failure.class);
        assertThat(attempts).hasValue(3);
    }

    @Test
    void noRetryStartsThatWouldEndAfterTheDeadline() {
        failWith(FailureVerdict.transientFailure(Duration.ofSeconds(30)));
        assertThat(cause(call(RetryPolicy.DEFAULT, Duration.ofSeconds(10)))).isInstanceOf(Failure.class);
        assertThat(attempts).hasValue(1);
        assertThat(time.delays).isEmpty();
    }

    @Test
    void failuresOpenTheBreakerAndAnOpenBreakerRefusesAtOnce() {
        for (int i = 0; i < 5; i++) {
            failWith(FailureVerdict.FATAL);
            assertThat(cause(call(RetryPolicy.NONE, Duration.ofMinutes(2)))).isInstanceOf(Failure.class);
        }
        assertThat(service.breakers(Resilience.AGENTS)).singleElement()
                .satisfies(b -> assertThat(b.state()).isEqualTo(BreakerState.OPEN));
        Throwable refused = cause(call(RetryPolicy.NONE, Duration.ofMinutes(2)));
        assertThat(refused).isInstanceOf(CircuitOpenException.class).hasMessageContaining("claude");
        assertThat(attempts).hasValue(5);
    }

    @Test
    void aBreakerOpeningBetweenRetriesEndsTheRetries() {
        RetryPolicy many = new RetryPolicy(10, Duration.ofSeconds(1), Duration.ofSeconds(1), 1, 0);
        for (int i = 0; i < 10; i++) {
            failWith(FailureVerdict.transientFailure(null));
        }
        assertThat(cause(call(many, Duration.ofMinutes(5)))).isInstanceOf(CircuitOpenException.class);
        assertThat(attempts).hasValue(5);
    }

    @Test
    void anAttemptThatThrowsIsAFailureNotACrash() {
        CircuitBreaker breaker = service.breaker(Resilience.AGENTS, "thrower");
        CompletionStage<String> stage = service.execute(breaker, RetryPolicy.NONE, time.instant().plusSeconds(5), CLASSIFY,
                () -> {
                    throw new IllegalStateException("boom");
                });
        assertThat(cause(stage)).isInstanceOf(IllegalStateException.class);
        assertThat(breaker.snapshot().failures()).isEqualTo(1);
    }

    @Test
    void aRetryTheSchedulerRefusesEndsTheCallWithItsFailureInsteadOfNever() {
        ResilienceService closing = new ResilienceService(BreakerSettings.DEFAULT, RetryPolicy.DEFAULT, (task, delay) -> {
            throw new java.util.concurrent.RejectedExecutionException("shutting down");
        }, time, time::nanos, () -> draw);
        CompletionStage<String> call = closing.execute(closing.breaker(Resilience.AGENTS, "claude"), RetryPolicy.DEFAULT,
                time.instant().plus(Duration.ofMinutes(5)), CLASSIFY,
                () -> CompletableFuture.failedFuture(new Failure(FailureVerdict.transientFailure(null))));
        assertThat(call.toCompletableFuture()).isCompletedExceptionally();
        assertThat(cause(call)).isInstanceOf(Failure.class);
    }
}
