package ai.aragora.api.agent;

import java.time.Duration;

/**
 * Why an agent call failed, in terms the engine and the resilience layer act on: whether to
 * retry, whether to fall back to another provider, whether it counts against a circuit breaker.
 * Messages never contain credentials.
 */
public class AgentException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public enum Kind {
        /** The deadline passed. */
        TIMEOUT,
        /** 429: slow down; {@link #retryAfter()} when the provider said. */
        RATE_LIMITED,
        /** Quota or billing exhausted: retrying will not help, falling back may. */
        QUOTA,
        /** 401/403: the key is wrong or revoked. */
        AUTHENTICATION,
        /** 5xx, dropped connection, circuit open. */
        UNAVAILABLE,
        /** The model declined to answer the content. */
        REFUSED,
        /** 400: the request itself is wrong; never retried or rerouted. */
        BAD_REQUEST,
        /** The answer could not be understood (an unparseable vote, malformed JSON). */
        UNPARSEABLE,
        /** The agent's bundle went away and no successor arrived in time. */
        GONE
    }

    private final Kind kind;
    private final transient Duration retryAfter;

    public AgentException(Kind kind, String message) {
        this(kind, message, null, null);
    }

    public AgentException(Kind kind, String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.retryAfter = retryAfter;
    }

    public Kind kind() {
        return kind;
    }

    /** How long the provider asked us to wait, or null. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
