package ai.aragora.api.knowledge;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Where Pulse keeps its scheduled debates. Every read and write but {@link #claimDue} and
 * {@link #ran} is confined to the org it names.
 */
@ProviderType
public interface DebateSchedules {

    /** Stores a new schedule; its id must be new. */
    void create(DebateSchedule schedule);

    Optional<DebateSchedule> find(String orgId, String id);

    /** The org's schedules, oldest first. */
    List<DebateSchedule> list(String orgId);

    /** Turns a schedule on or off, and moves its next run when {@code nextRun} is not null; false when the org has no such schedule. */
    boolean update(String orgId, String id, boolean enabled, Instant nextRun);

    boolean delete(String orgId, String id);

    /**
     * Takes up to {@code limit} enabled schedules due at {@code now}, earliest first, and moves
     * each one's next run an interval past {@code now}, in one transaction: a schedule is taken
     * by one instance only, and missed runs are not made up.
     */
    List<DebateSchedule> claimDue(Instant now, int limit);

    /**
     * Records a try at {@code at}: the debate it started, or why it started none. With
     * {@code retryAt} not null the next run moves there (a try the engine could not take now).
     */
    void ran(String id, Instant at, String debateId, String error, Instant retryAt);
}
