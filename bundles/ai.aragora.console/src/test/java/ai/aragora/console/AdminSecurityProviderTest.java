package ai.aragora.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.annotation.Annotation;

import org.junit.jupiter.api.Test;

class AdminSecurityProviderTest {

    private static AuthSecrets secrets(String token) {
        return new AuthSecrets() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return AuthSecrets.class;
            }

            @Override
            public String _admin_token() {
                return token;
            }

        };
    }

    @Test
    void onlyAdminWithTheTokenGetsIn() {
        AdminSecurityProvider provider = new AdminSecurityProvider(secrets("t0ken"));
        assertThat(provider.accepts(new BasicCredentials("admin", "t0ken"))).isTrue();
        assertThat(provider.accepts(new BasicCredentials("admin", "admin"))).isFalse();
        assertThat(provider.accepts(new BasicCredentials("root", "t0ken"))).isFalse();
        assertThat(provider.accepts(new BasicCredentials("admin", "t0ken "))).isFalse();
    }

    @Test
    void anEmptyTokenLetsNobodyIn() {
        AdminSecurityProvider provider = new AdminSecurityProvider(secrets(""));
        assertThat(provider.accepts(new BasicCredentials("admin", ""))).isFalse();
    }

    @Test
    void aNewTokenTakesEffectWithoutRestart() {
        AdminSecurityProvider provider = new AdminSecurityProvider(secrets("old"));
        provider.modified(secrets("new"));
        assertThat(provider.accepts(new BasicCredentials("admin", "old"))).isFalse();
        assertThat(provider.accepts(new BasicCredentials("admin", "new"))).isTrue();
    }
}
