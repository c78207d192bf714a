package ai.aragora.api.auth;

import java.security.Principal;

import org.osgi.annotation.versioning.ProviderType;

/**
 * What resources ask before they act. It is counted (permission checks and denials are
 * metrics), so resources go through it rather than testing permissions themselves.
 */
@ProviderType
public interface AccessControl {

    /** The request's principal as set by authentication; anonymous when there is none. */
    AuthPrincipal principal(Principal fromRequest);

    /**
     * The principal if it holds {@code permission}; otherwise {@link AuthenticationRequiredException}
     * for an anonymous caller and {@link PermissionDeniedException} for a known one.
     */
    AuthPrincipal require(Principal fromRequest, String permission);
}
