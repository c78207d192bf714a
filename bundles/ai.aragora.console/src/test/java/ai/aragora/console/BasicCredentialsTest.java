package ai.aragora.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

class BasicCredentialsTest {

    private static String basic(String pair) {
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void parsesUserAndPasswordWithColonsInThePassword() {
        BasicCredentials c = BasicCredentials.parse(basic("admin:a:b:c")).orElseThrow();
        assertThat(c.user()).isEqualTo("admin");
        assertThat(c.password()).isEqualTo("a:b:c");
    }

    @Test
    void rejectsOtherSchemesGarbageAndOversizedHeaders() {
        assertThat(BasicCredentials.parse(null)).isEmpty();
        assertThat(BasicCredentials.parse("Bearer abc")).isEmpty();
        assertThat(BasicCredentials.parse("Basic !!!notbase64")).isEmpty();
        assertThat(BasicCredentials.parse(basic("nocolon"))).isEmpty();
        assertThat(BasicCredentials.parse("Basic " + "A".repeat(5000))).isEmpty();
    }

    @Test
    void neverPrintsThePassword() {
        assertThat(BasicCredentials.parse(basic("admin:s3cret")).orElseThrow().toString()).doesNotContain("s3cret");
    }
}
