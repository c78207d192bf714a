package ai.aragora.storage.jdbc;

/**
 * A store operation failed. The message names the store and the operation and is safe to log:
 * it never quotes stored values (drivers' constraint messages may, so those are not kept as cause).
 */
public class StorageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StorageException(String message) {
        super(message);
    }

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
