package ai.aragora.api.debate;

import java.util.Collection;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/** The engine. */
@ProviderType
public interface DebateService {

    /**
     * Accepts a debate and returns at once; the debate runs asynchronously and is durable from
     * this moment. Throws {@link IllegalArgumentException} naming the problem when an agent is
     * unknown, and {@link IllegalStateException} when the server is draining or at capacity.
     */
    DebateHandle start(DebateSpec spec);

    /** A debate still running on this instance. */
    Optional<DebateHandle> running(String id);

    /** Asks a running debate to stop; it ends as {@code cancelled}. False if it is not running here. */
    boolean cancel(String id);

    Collection<DebateHandle> active();

    /**
     * Whether {@link #start} would accept {@code agent} by name now. What lists agents to clients
     * lists only these: an agent service can be registered a moment before the engine has it.
     */
    boolean accepts(String agent);
}
