package ai.aragora.storage.jdbc;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A storage backend: registered by the SQLite or PostgreSQL bundle once its databases are open
 * (and migrated, unless automatic migration is off). The stores, the storage commands and the
 * health indicator of this bundle work on whichever backend is registered.
 */
@ConsumerType
public interface StorageBackend {

    /** Service property: the backend's name, {@code sqlite} or {@code postgres}. */
    String NAME = "aragora.storage.backend";

    /** {@code sqlite} or {@code postgres}. */
    String name();

    /** Where the data is, for operators; never includes credentials. */
    String location();

    Database database(Store store);

    Migrations migrations(Store store);

    /** One line of an integrity check. */
    record Check(String subject, boolean ok, String detail) {
    }

    /** Checks of the backend's own files (SQLite: PRAGMA integrity_check on every database file in the data dir). */
    List<Check> checkFiles();

    /**
     * Copies every database consistently while the server keeps running, into {@code dir}.
     *
     * @return the files written
     * @throws UnsupportedOperationException naming the tool to use instead (pg_dump) where the backend cannot
     */
    List<Path> backup(Path dir) throws IOException;

    /** Left-over files that belong to no database (SQLite: -wal/-shm/-journal without their .db). */
    List<Path> orphanedFiles() throws IOException;
}
