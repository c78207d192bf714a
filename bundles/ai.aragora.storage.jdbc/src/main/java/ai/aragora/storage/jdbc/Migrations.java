package ai.aragora.storage.jdbc;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** One store's schema history: what is applied and pending, applying, and rolling back the last step. */
@ProviderType
public interface Migrations {

    /** One migration and where it stands. */
    record Status(String version, String description, String state, String installedOn) {
    }

    Store store();

    List<Status> status();

    int pending();

    /** Applies what is pending; returns how many migrations ran. */
    int apply();

    /**
     * Reverts the last applied migration with the backend's {@code U<version>.sql} undo script.
     *
     * @return the version that was rolled back
     * @throws StorageException naming the missing undo script when there is none, or when nothing is applied
     */
    String rollback();
}
