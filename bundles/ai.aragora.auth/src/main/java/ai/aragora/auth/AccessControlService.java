package ai.aragora.auth;

import java.security.Principal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import ai.aragora.api.auth.AccessControl;
import ai.aragora.api.auth.AuthPrincipal;
import ai.aragora.api.auth.AuthenticationRequiredException;
import ai.aragora.api.auth.PermissionDeniedException;

/** Permission checks for every resource, counted as the runbook's RBAC metrics. */
@Component
public class AccessControlService implements AccessControl {

    private final AuthMetrics metrics;

    @Activate
    public AccessControlService(@Reference AuthMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public AuthPrincipal principal(Principal fromRequest) {
        return fromRequest instanceof AuthPrincipal p ? p : AuthPrincipal.anonymous();
    }

    @Override
    public AuthPrincipal require(Principal fromRequest, String permission) {
        AuthPrincipal principal = principal(fromRequest);
        boolean allowed = principal.can(permission);
        metrics.checks.labels(permission, allowed ? "allowed" : "denied").inc();
        if (allowed) {
            return principal;
        }
        metrics.denied.labels(permission).inc();
        if (principal.isAnonymous()) {
            throw new AuthenticationRequiredException("authentication required: send Authorization: Bearer <token>");
        }
        throw new PermissionDeniedException(permission);
    }
}
