package ai.aragora.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher();

    @Test
    void hashesAreArgon2idPhcStringsThatVerify() {
        String hash = hasher.hash("correct horse battery staple");
        assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").doesNotContain("correct horse");
        assertThat(hasher.matches("correct horse battery staple", hash)).isTrue();
        assertThat(hasher.matches("correct horse battery stapl", hash)).isFalse();
    }

    @Test
    void theSamePasswordHashesDifferentlyEachTime() {
        assertThat(hasher.hash("same password")).isNotEqualTo(hasher.hash("same password"));
    }

    @Test
    void aDecoyHasTheParametersOfARealHashAndMatchesNoPassword() {
        String decoy = hasher.decoy();
        String real = hasher.hash("correct horse battery staple");
        assertThat(decoy).hasSameSizeAs(real).startsWith("$argon2id$v=19$m=19456,t=2,p=1$")
                .isNotEqualTo(hasher.decoy());
        assertThat(hasher.matches("correct horse battery staple", decoy)).isFalse();
        assertThat(hasher.matches("", decoy)).isFalse();
    }

    @Test
    void malformedStoredHashesNeverMatch() {
        assertThat(hasher.matches("x", "plaintext")).isFalse();
        assertThat(hasher.matches("x", "$argon2i$v=19$m=8,t=1,p=1$c2FsdA$aGFzaA")).isFalse();
        assertThat(hasher.matches("x", null)).isFalse();
        assertThat(hasher.matches(null, hasher.hash("x-password"))).isFalse();
    }

    @Test
    void passwordRules() {
        assertThat(PasswordHasher.problem("short")).contains("at least 8");
        assertThat(PasswordHasher.problem("x".repeat(300))).contains("at most 256");
        assertThat(PasswordHasher.problem("long enough")).isNull();
    }
}
