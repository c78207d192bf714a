package ai.aragora.agents.llm.internal;

import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import ai.aragora.api.agent.AgentException;
import ai.aragora.api.agent.AgentException.Kind;
import ai.aragora.api.resilience.CircuitOpenException;
import ai.aragora.api.resilience.FailureVerdict;

/** What each kind of agent failure means for retries, breakers and fallback. */
final class AgentFailures {

    private AgentFailures() {
    }

    /**
     * Retried: 429, 5xx and dropped connections, timeouts. Not counted against the breaker:
     * exhausted quota, our own bad requests, refusals, gone bundles.
     */
    public static FailureVerdict classify(Throwable failure) {
        if (!(failure instanceof AgentException e)) {
            return FailureVerdict.FATAL;
        }
        switch (e.kind()) {
            case RATE_LIMITED:
            case UNAVAILABLE:
                return FailureVerdict.transientFailure(e.retryAfter());
            case TIMEOUT:
                return FailureVerdict.transientFailure(null);
            case AUTHENTICATION:
            case UNPARSEABLE:
                return FailureVerdict.FATAL;
            default:
                return FailureVerdict.NOT_COUNTED;
        }
    }

    /** Another provider may help after 401, 429, 5xx, a timeout, an open circuit or an exhausted quota; never after 400 or a refusal. */
    public static boolean fallsBack(Kind kind) {
        switch (kind) {
            case AUTHENTICATION:
            case RATE_LIMITED:
            case UNAVAILABLE:
            case TIMEOUT:
            case QUOTA:
                return true;
            default:
                return false;
        }
    }

    /** Any failure of a call as the agent exception the engine records. */
    public static AgentException asAgentException(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof AgentException e) {
            return e;
        }
        if (t instanceof CircuitOpenException open) {
            return new AgentException(Kind.UNAVAILABLE, open.getMessage(), open.remaining(), open);
        }
        return new AgentException(Kind.UNAVAILABLE, "call failed: " + t.getClass().getSimpleName(), null, t);
    }

    public static String wire(Kind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }
}
