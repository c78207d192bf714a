package ai.aragora.api.event;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Receives every debate event, in order per debate, on the debate's own thread. It must return
 * quickly and never block (hand the event to a bounded queue if the work is slow): a slow
 * listener must not slow a debate. Exceptions are logged and otherwise ignored.
 */
@ConsumerType
public interface DebateListener {

    void onEvent(DebateEvent event);
}
