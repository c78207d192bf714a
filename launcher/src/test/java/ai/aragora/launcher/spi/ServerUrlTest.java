package ai.aragora.launcher.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class ServerUrlTest {

    private static final List<String> SCHEMES = List.of("x", "xs");

    private static ServerUrl parse(String raw) throws UsageException {
        return ServerUrl.parse(raw, "X_URL", "x://user:pass@host:1", 1, SCHEMES);
    }

    @Test
    void theUrlIsTakenApartAndItsUserInfoDecoded() throws Exception {
        ServerUrl url = parse(" XS://us%3Aer:p%40s+s@Host.example:42/a%20b?q=1 ");
        assertThat(url.scheme()).isEqualTo("xs");
        assertThat(url.host()).isEqualTo("Host.example");
        assertThat(url.port()).isEqualTo(42);
        assertThat(url.user()).isEqualTo("us:er");
        assertThat(url.password()).isEqualTo("p@s+s");
        assertThat(url.userOnly()).isFalse();
        assertThat(url.rawPath()).isEqualTo("/a%20b");
        assertThat(url.rawQuery()).isEqualTo("q=1");
        assertThat(url.toString()).doesNotContain("p@s+s");

        ServerUrl bare = parse("x://h");
        assertThat(bare.port()).isEqualTo(1);
        assertThat(bare.user()).isEmpty();
        assertThat(bare.rawPath()).isEmpty();
        assertThat(bare.rawQuery()).isNull();
        assertThat(bare.hasFragment()).isFalse();
        assertThat(parse("x://alone@h").userOnly()).isTrue();
        assertThat(parse("x://h#f").hasFragment()).isTrue();
    }

    @Test
    void anErrorSaysWhatIsWrongWithoutQuotingTheValue() throws Exception {
        assertThatThrownBy(() -> parse("http://u:hunter2@h")).hasMessage("X_URL must look like x://user:pass@host:1 (the scheme is 'http')");
        assertThatThrownBy(() -> parse("hunter2:rest@h")).hasMessage("X_URL must look like x://user:pass@host:1 (no scheme)");
        assertThatThrownBy(() -> parse("x://u:hunter2@")).hasMessage("X_URL must look like x://user:pass@host:1 (no host)");
        assertThatThrownBy(() -> parse("x://u:hunter2 @h")).hasMessage("X_URL must look like x://user:pass@host:1 (it is not a URL)");
        assertThatThrownBy(() -> parse("x://u:hunter2%zz@h")).hasMessage("X_URL must look like x://user:pass@host:1 (it is not a URL)");
        assertThat(parse("x://u:hunter2@h").refused("no database")).hasMessage("X_URL must look like x://user:pass@host:1 (no database)");
    }
}
