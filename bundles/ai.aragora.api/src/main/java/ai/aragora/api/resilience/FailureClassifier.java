package ai.aragora.api.resilience;

import org.osgi.annotation.versioning.ConsumerType;

/** The caller's knowledge of its target's failures: agents map their error kinds, webhooks their status codes. */
@ConsumerType
@FunctionalInterface
public interface FailureClassifier {

    /** {@code failure} is the unwrapped cause (never a CompletionException). */
    FailureVerdict classify(Throwable failure);
}
