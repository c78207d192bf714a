package ai.aragora.storage.jdbc;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A store kept in a database of its own, beside the selected backend's: the Knowledge Mound on
 * PostgreSQL while everything else stays in SQLite files (KNOWLEDGE_MOUND_DATABASE_URL). Opened
 * and migrated by the bundle that registers it; the backend serves it as one of its stores and
 * adds its check and its backup to its own.
 */
@ConsumerType
public interface SeparateStore {

    /** Service property: the {@link Store#id()} of the store it holds. */
    String STORE = "aragora.storage.store";

    /** The store's database; its {@link Database#store()} says which store. */
    Database database();

    Migrations migrations();

    /** Where it is, for operators; never includes credentials. */
    String location();

    /** Whether the database answers. */
    StorageBackend.Check check();

    /**
     * Copies the database into {@code dir}, consistently, while the server keeps running.
     *
     * @return the files written
     */
    List<Path> backup(Path dir) throws IOException;
}
