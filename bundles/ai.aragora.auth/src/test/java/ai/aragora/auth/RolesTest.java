package ai.aragora.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import ai.aragora.api.auth.AuthPrincipal;

class RolesTest {

    private static AuthPrincipal as(String role) {
        return new AuthPrincipal("u", "org-a", AuthPrincipal.Kind.USER, role, Roles.permissions(role));
    }

    @Test
    void ownersMayDoEverything() {
        assertThat(as("owner").can("admin.users.delete")).isTrue();
        assertThat(as("owner").can("workflows.approve")).isTrue();
    }

    @Test
    void wildcardsCoverTheirResourceOnly() {
        AuthPrincipal admin = as("admin");
        assertThat(admin.can("workflows.approve")).isTrue();
        assertThat(admin.can("debates.delete")).isTrue();
        assertThat(admin.can("billing.read")).isFalse();
    }

    @Test
    void membersDebateButDoNotAdminister() {
        AuthPrincipal member = as("member");
        assertThat(member.can("debates.create")).isTrue();
        assertThat(member.can("receipts.verify")).isTrue();
        assertThat(member.can("workflows.execute")).isTrue();
        assertThat(member.can("workflows.approve")).isFalse();
        assertThat(member.can("admin.stats")).isFalse();
    }

    @Test
    void viewersOnlyRead() {
        AuthPrincipal viewer = as("viewer");
        assertThat(viewer.can("debates.read")).isTrue();
        assertThat(viewer.can("debates.create")).isFalse();
        assertThat(viewer.can("receipts.verify")).isFalse();
    }

    @Test
    void analystsReadAndVerify() {
        assertThat(as("analyst").can("receipts.verify")).isTrue();
        assertThat(as("analyst").can("debates.create")).isFalse();
    }

    @Test
    void unknownRolesGrantNothingAndAnonymousCanNothing() {
        assertThat(Roles.permissions("wizard")).isEmpty();
        assertThat(AuthPrincipal.anonymous().can("debates.read")).isFalse();
        assertThat(Roles.permissions(List.of("viewer", "wizard"))).contains("debates.read");
    }

    @Test
    void orgsAreSeparate() {
        assertThat(as("owner").canSee("org-a")).isTrue();
        assertThat(as("owner").canSee("org-b")).isFalse();
        assertThat(new AuthPrincipal("admin", null, AuthPrincipal.Kind.ADMIN, "owner", Roles.permissions("owner")).canSee("org-b")).isTrue();
    }
}
