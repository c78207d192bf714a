package ai.aragora.api.ops;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** The most recent WARN and ERROR events of the server's log, kept in memory, newest first. */
@ProviderType
public interface RecentErrors {

    /** At most {@code limit} events, newest first. */
    List<LoggedError> recent(int limit);

    /** Events seen since start, including those no longer kept. */
    long total();
}
