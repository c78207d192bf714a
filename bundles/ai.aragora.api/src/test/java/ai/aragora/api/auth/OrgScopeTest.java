package ai.aragora.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;

class OrgScopeTest {

    private static final AuthPrincipal ADMIN = new AuthPrincipal("admin", null, AuthPrincipal.Kind.ADMIN, "owner", Set.of("*"));
    private static final AuthPrincipal USER = new AuthPrincipal("u-1", "org-a", AuthPrincipal.Kind.USER, "member", Set.of());

    @Test
    void theOperatorSeesEveryOrgOrTheOneItAsksFor() {
        assertThat(OrgScope.of(ADMIN, null).everyOrg()).isTrue();
        assertThat(OrgScope.of(ADMIN, " ").everyOrg()).isTrue();
        assertThat(OrgScope.of(ADMIN, "org-b")).isEqualTo(new OrgScope("org-b", false));
    }

    @Test
    void aUserSeesTheirOwnOrgOnly() {
        assertThat(OrgScope.of(USER, null)).isEqualTo(new OrgScope("org-a", false));
        assertThat(OrgScope.of(USER, "org-a")).isEqualTo(new OrgScope("org-a", false));
        assertThat(OrgScope.of(USER, "org-b").none()).isTrue();
        AuthPrincipal orgless = new AuthPrincipal("k-1", null, AuthPrincipal.Kind.API_KEY, "member", Set.of());
        assertThat(OrgScope.of(orgless, null).none()).isTrue();
        assertThat(OrgScope.of(orgless, null).everyOrg()).isFalse();
    }
}
