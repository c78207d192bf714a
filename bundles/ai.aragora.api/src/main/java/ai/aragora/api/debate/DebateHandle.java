package ai.aragora.api.debate;

import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ProviderType;

/** A debate the engine accepted: its id at once, its result when it is decided. */
@ProviderType
public interface DebateHandle {

    String id();

    DebateSpec spec();

    DebateStatus status();

    /**
     * Completes once the debate's record is durable in the store, so that it can be read back;
     * exceptionally if it could not be stored (the debate then ends as failed).
     */
    CompletionStage<Void> stored();

    /**
     * Completes with the final result (also for cancelled and failed debates), or exceptionally
     * with {@link DebateHandedOver} when this instance stopped and left the debate to be resumed
     * elsewhere.
     */
    CompletionStage<DebateResult> result();
}
