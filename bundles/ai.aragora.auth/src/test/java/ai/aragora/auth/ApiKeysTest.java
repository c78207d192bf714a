package ai.aragora.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApiKeysTest {

    @Test
    void keysHaveTheAraPrefixAndEnoughRandomness() {
        String key = new ApiKeys().generate();
        assertThat(key).startsWith("ara_").hasSize(47);
        assertThat(ApiKeys.looksLikeKey(key)).isTrue();
        assertThat(new ApiKeys().generate()).isNotEqualTo(key);
    }

    @Test
    void onlyTheHashIsComparedAndTheLookupIsAShortPrefix() {
        String key = new ApiKeys().generate();
        String stored = ApiKeys.hash(key);
        assertThat(stored).hasSize(64).doesNotContain(key.substring(4));
        assertThat(ApiKeys.matches(key, stored)).isTrue();
        assertThat(ApiKeys.matches(key.substring(0, 46) + "x", stored)).isFalse();
        assertThat(ApiKeys.lookup(key)).hasSize(12).startsWith("ara_");
    }

    @Test
    void otherTokensAreNotTakenForKeys() {
        assertThat(ApiKeys.looksLikeKey("eyJhbGciOiJIUzI1NiJ9.e30.sig")).isFalse();
        assertThat(ApiKeys.looksLikeKey("ara_short")).isFalse();
        assertThat(ApiKeys.looksLikeKey(null)).isFalse();
    }
}
