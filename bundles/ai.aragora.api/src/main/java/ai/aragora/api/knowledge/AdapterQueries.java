package ai.aragora.api.knowledge;

import java.util.NoSuchElementException;
import java.util.Set;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The adapters' reverse queries, by adapter name: what the mound knows for one subsystem (the
 * control plane's {@code recommendations}, who ranks well in a domain ...), timed per adapter.
 */
@ProviderType
public interface AdapterQueries {

    /** The adapters running now. */
    Set<String> adapters();

    /**
     * {@code adapter}'s reverse query about {@code question} in one org.
     *
     * @throws NoSuchElementException when no adapter of that name is running
     */
    SearchResult query(String adapter, String orgId, String question, int limit);
}
