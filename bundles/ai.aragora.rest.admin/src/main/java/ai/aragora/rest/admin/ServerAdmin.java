package ai.aragora.rest.admin;

import java.security.Principal;

import jakarta.ws.rs.core.SecurityContext;

import ai.aragora.api.auth.AccessControl;
import ai.aragora.api.auth.AuthPrincipal;
import ai.aragora.api.auth.PermissionDeniedException;

/**
 * Who may call these endpoints: the server admin. They show every org at once, so an org's
 * owner or admin, whose roles grant {@code admin.*}, may not: 401 without credentials, 403 otherwise.
 */
final class ServerAdmin {

    static final String READ = "admin.read";
    static final String OPERATE = "admin.operate";

    private ServerAdmin() {
    }

    static void require(AccessControl access, SecurityContext security, String permission) {
        Principal from = security == null ? null : security.getUserPrincipal();
        if (access.require(from, permission).kind() != AuthPrincipal.Kind.ADMIN) {
            throw new PermissionDeniedException(permission + " (server admin only: it shows every org)");
        }
    }

    /** {@code limit} within {@code [1, max]}; a bad one is the caller's error, not a silent default. */
    static int limit(Integer given, int fallback, int max) {
        if (given == null) {
            return fallback;
        }
        if (given < 1 || given > max) {
            throw new jakarta.ws.rs.BadRequestException("limit must be from 1 to " + max);
        }
        return given;
    }
}
