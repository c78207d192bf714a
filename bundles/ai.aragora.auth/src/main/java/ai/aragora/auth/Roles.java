package ai.aragora.auth;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What each role may do. Permissions are {@code resource.action}; {@code resource.*} grants every
 * action on a resource and {@code *} everything.
 */
final class Roles {

    static final String OWNER = "owner";
    static final String ADMIN = "admin";
    static final String MEMBER = "member";
    static final String ANALYST = "analyst";
    static final String VIEWER = "viewer";
    /** An API key of this role may act on behalf of the user its request names. */
    static final String SERVICE = "service";

    static final List<String> ASSIGNABLE = List.of(OWNER, ADMIN, MEMBER, ANALYST, VIEWER, SERVICE);

    private static final Map<String, Set<String>> GRANTS = Map.of(
            OWNER, Set.of("*"),
            ADMIN, Set.of("admin.*", "debates.*", "receipts.*", "agents.*", "workflows.*", "users.*", "apikeys.*",
                    "knowledge.*", "webhooks.*", "cache.*", "integrations.*", "decisions.*", "metrics.read", "health.read"),
            MEMBER, Set.of("debates.create", "debates.read", "debates.cancel", "debates.export", "receipts.read",
                    "receipts.verify", "agents.read", "workflows.read", "workflows.create", "workflows.update",
                    "workflows.execute", "knowledge.read", "apikeys.manage", "integrations.read", "decisions.create",
                    "decisions.read", "decisions.cancel", "decisions.feedback"),
            ANALYST, Set.of("debates.read", "debates.export", "receipts.read", "receipts.verify", "agents.read",
                    "workflows.read", "knowledge.read", "metrics.read", "decisions.read", "decisions.feedback"),
            VIEWER, Set.of("debates.read", "receipts.read", "agents.read", "workflows.read", "decisions.read"),
            SERVICE, Set.of("debates.*", "receipts.*", "agents.read", "workflows.*", "knowledge.*", "decisions.*"));

    private Roles() {
    }

    static boolean exists(String role) {
        return GRANTS.containsKey(role);
    }

    static Set<String> permissions(String role) {
        return GRANTS.getOrDefault(role, Set.of());
    }

    /** The union of several roles' permissions (service callers may name more than one). */
    static Set<String> permissions(List<String> roles) {
        return roles.stream().filter(Roles::exists).flatMap(r -> permissions(r).stream())
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }
}
