package ai.aragora.debate;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

import ai.aragora.api.agent.AgentException;

/** A call that produced no usable answer, as it stands in a phase's result slot. */
record Failure(AgentException.Kind kind, String message) {

    static Failure of(Throwable thrown) {
        Throwable t = thrown;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof AgentException a) {
            return new Failure(a.kind(), a.getMessage() == null ? a.kind().name().toLowerCase(java.util.Locale.ROOT) : a.getMessage());
        }
        if (t instanceof TimeoutException) {
            return new Failure(AgentException.Kind.TIMEOUT, "timed out");
        }
        if (t instanceof CancellationException) {
            return new Failure(AgentException.Kind.UNAVAILABLE, "the call was cancelled");
        }
        return new Failure(AgentException.Kind.UNAVAILABLE,
                t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage()));
    }
}
