package ai.aragora.api.resilience;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Circuit breakers and retries as a service. Breakers live in groups ({@link #AGENTS} for
 * agents, e.g. {@code webhooks} for webhook endpoints) and are created on first use; each
 * group's owner reports its own breakers.
 */
@ProviderType
public interface Resilience {

    /** The group of per-agent breakers, named by agent. */
    String AGENTS = "agents";

    /** The breaker for {@code name} in {@code group}, with the service's configured settings. */
    CircuitBreaker breaker(String group, String name);

    /** The breaker for {@code name} in {@code group}; settings apply only when it is created. */
    CircuitBreaker breaker(String group, String name, BreakerSettings settings);

    List<BreakerSnapshot> breakers(String group);

    /** The retry policy configured for {@code group}'s calls. */
    RetryPolicy retryPolicy(String group);

    /**
     * Runs {@code attempt} through {@code breaker}, retrying as {@code policy} and
     * {@code classifier} allow until {@code deadline}. Completes with the first success, or
     * exceptionally with the last failure's cause ({@link CircuitOpenException} when the breaker
     * refused). Never blocks the calling thread; retries wait on the service's scheduler.
     */
    <T> CompletionStage<T> execute(CircuitBreaker breaker, RetryPolicy policy, Instant deadline,
            FailureClassifier classifier, Supplier<? extends CompletionStage<T>> attempt);
}
