package ai.aragora.rest.integrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.Principal;
import java.time.Clock;
import java.util.Map;
import java.util.Set;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.SecurityContext;

import org.junit.jupiter.api.Test;

import ai.aragora.api.auth.AccessControl;
import ai.aragora.api.auth.AuthPrincipal;
import ai.aragora.api.auth.PermissionDeniedException;
import ai.aragora.crypto.aesgcm.AesGcmForTests;
import ai.aragora.storage.memory.MemoryIntegrationStore;

/** Who may do what on the integration routes: {@code integrations.read} reads, {@code integrations.write} changes. */
class IntegrationsResourceTest {

    private final Integrations integrations = Integrations.with(new MemoryIntegrationStore(), AesGcmForTests.provider("a1".repeat(32)),
            60, Clock.systemUTC());

    /** Grants what the principal holds, as the auth bundle does. */
    private final AccessControl access = new AccessControl() {
        @Override
        public AuthPrincipal principal(Principal fromRequest) {
            return (AuthPrincipal) fromRequest;
        }

        @Override
        public AuthPrincipal require(Principal fromRequest, String permission) {
            AuthPrincipal p = principal(fromRequest);
            if (!p.can(permission)) {
                throw new PermissionDeniedException(permission);
            }
            return p;
        }
    };
    private final IntegrationsResource resource = new IntegrationsResource(integrations, access);

    private static SecurityContext as(String role, String... permissions) {
        AuthPrincipal p = new AuthPrincipal("u-" + role, "org1", AuthPrincipal.Kind.USER, role, Set.of(permissions));
        return new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
                return p;
            }

            @Override
            public boolean isUserInRole(String r) {
                return false;
            }

            @Override
            public boolean isSecure() {
                return false;
            }

            @Override
            public String getAuthenticationScheme() {
                return "Bearer";
            }
        };
    }

    @Test
    void readersReadWritersChangeAndNeitherPassesForTheOther() {
        SecurityContext owner = as("owner", "integrations.*");
        SecurityContext reader = as("member", "integrations.read");
        SecurityContext outsider = as("viewer", "debates.read");
        assertThat(resource.put(owner, "slack", null, Map.of("bot_token", "xoxb-1")).getStatus()).isEqualTo(201);

        assertThat(resource.get(reader, "slack", null)).containsEntry("id", "slack");
        assertThat(resource.list(reader, 20, 0, null, null, null)).containsEntry("total", 1L);
        assertThatThrownBy(() -> resource.put(reader, "slack", null, Map.of("bot_token", "xoxb-2")))
                .isInstanceOf(PermissionDeniedException.class).hasMessageContaining("integrations.write");
        assertThatThrownBy(() -> resource.patch(reader, "slack", null, Map.of("channel", "#x")))
                .isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> resource.delete(reader, "slack", null)).isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> resource.test(reader, "slack", null)).isInstanceOf(PermissionDeniedException.class);

        assertThatThrownBy(() -> resource.get(outsider, "slack", null)).isInstanceOf(PermissionDeniedException.class)
                .hasMessageContaining("integrations.read");
        assertThatThrownBy(() -> resource.list(outsider, 20, 0, null, null, null)).isInstanceOf(PermissionDeniedException.class);

        assertThat(resource.test(owner, "slack", null)).containsEntry("success", true);
        assertThat(resource.delete(owner, "slack", null)).containsEntry("deleted", true);
        assertThatThrownBy(() -> resource.get(owner, "slack", null)).isInstanceOf(NotFoundException.class);
    }
}
