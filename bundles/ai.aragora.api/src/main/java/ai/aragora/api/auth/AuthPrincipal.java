package ai.aragora.api.auth;

import java.security.Principal;
import java.util.Objects;
import java.util.Set;

/**
 * The authenticated party of a request: a user (by JWT), an API key acting for its owner, the
 * admin token, or a service acting on behalf of a user it names. Permissions are
 * {@code resource.action} strings; a grant may end in {@code .*} or be {@code *}.
 */
public record AuthPrincipal(String id, String orgId, Kind kind, String role, Set<String> permissions) implements Principal {

    public enum Kind { USER, API_KEY, ADMIN, SERVICE, ANONYMOUS }

    public static final String ANONYMOUS_ID = "anonymous";

    public AuthPrincipal {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        permissions = Set.copyOf(permissions);
    }

    public static AuthPrincipal anonymous() {
        return new AuthPrincipal(ANONYMOUS_ID, null, Kind.ANONYMOUS, null, Set.of());
    }

    public boolean isAnonymous() {
        return kind == Kind.ANONYMOUS;
    }

    /** Whether any grant covers {@code permission}: exactly, by {@code resource.*}, or by {@code *}. */
    public boolean can(String permission) {
        if (permissions.contains(permission) || permissions.contains("*")) {
            return true;
        }
        int dot = permission.indexOf('.');
        return dot > 0 && permissions.contains(permission.substring(0, dot) + ".*");
    }

    /** Whether this principal may see what belongs to {@code org}: its own org, or any for the admin. */
    public boolean canSee(String org) {
        return kind == Kind.ADMIN || (orgId != null && orgId.equals(org));
    }

    @Override
    public String getName() {
        return id;
    }
}
