package ai.aragora.api.storage;

import java.time.LocalDate;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * What finished debates used, kept per org, UTC day, agent and model as each debate's final
 * result is stored (rows of {@link UsageRow#of}), so that reading usage costs the same however
 * many debates there were. Deleting a debate leaves its usage: it was spent.
 */
@ProviderType
public interface UsageStore {

    /**
     * The rows of days from {@code from} on, ordered by day, agent and model.
     *
     * @param orgId one org's, or null for every org's (summed across orgs)
     */
    List<UsageRow> usage(String orgId, LocalDate from);

    /** How many finished debates are stored but not yet in the rows (counted shortly after they end, or after a start). */
    long uncounted();
}
