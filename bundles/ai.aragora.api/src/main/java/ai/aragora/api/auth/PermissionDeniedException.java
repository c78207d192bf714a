package ai.aragora.api.auth;

/** The principal is known but lacks the permission: 403. The message names the permission, never a secret. */
public class PermissionDeniedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String permission;

    public PermissionDeniedException(String permission) {
        super("permission " + permission + " is required");
        this.permission = permission;
    }

    public String permission() {
        return permission;
    }
}
