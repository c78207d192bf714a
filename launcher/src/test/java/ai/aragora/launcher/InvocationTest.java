package ai.aragora.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import ai.aragora.launcher.spi.UsageException;

class InvocationTest {

    private final CommandCatalog catalog = new CommandCatalog(List.of(
            new CommandCatalog.Spec("serve", CommandCatalog.Kind.BUILTIN, "", List.of()),
            new CommandCatalog.Spec("help", CommandCatalog.Kind.BUILTIN, "", List.of()),
            new CommandCatalog.Spec("version", CommandCatalog.Kind.BUILTIN, "", List.of()),
            new CommandCatalog.Spec("debate", CommandCatalog.Kind.BUNDLE, "", List.of("core"))));

    @Test
    void noArgumentsMeansHelp() throws Exception {
        assertThat(Invocation.parse(new String[0], catalog).command()).isEqualTo("help");
    }

    @Test
    void parsesBothOptionSpellings() throws Exception {
        Invocation inv = Invocation.parse(new String[] {"serve", "--api-port", "9000", "--host=0.0.0.0"}, catalog);
        assertThat(inv.options()).containsEntry("api-port", "9000").containsEntry("host", "0.0.0.0");
    }

    @Test
    void bundleCommandsGetTheirArgumentsUntouched() throws Exception {
        Invocation inv = Invocation.parse(new String[] {"debate", "Should we?", "--rounds", "2", "--json"}, catalog);
        assertThat(inv.args()).containsExactly("Should we?", "--rounds", "2", "--json");
    }

    @Test
    void aBundleCommandMayNameOtherFeatures() throws Exception {
        Invocation inv = Invocation.parse(new String[] {"debate", "Q?", "--rounds", "2", "--features", "core,sqlite,demo"}, catalog);
        assertThat(inv.options()).containsEntry("features", "core,sqlite,demo");
        assertThat(inv.args()).containsExactly("Q?", "--rounds", "2");
        assertThat(Invocation.parse(new String[] {"debate", "--features=core"}, catalog).options()).containsEntry("features", "core");
        assertThatThrownBy(() -> Invocation.parse(new String[] {"debate", "--features"}, catalog))
                .isInstanceOf(UsageException.class).hasMessage("--features: expected a value");
    }

    @Test
    void aBundleCommandBootingHttpIsToldItsPortsByTheLauncher() throws Exception {
        Invocation inv = Invocation.parse(new String[] {"debate", "Q?", "--api-port", "9100", "--rounds", "2", "--ws-port=9101"}, catalog);
        assertThat(inv.options()).containsEntry("api-port", "9100").containsEntry("ws-port", "9101");
        assertThat(inv.args()).containsExactly("Q?", "--rounds", "2");
        assertThatThrownBy(() -> Invocation.parse(new String[] {"debate", "Q?", "--ws-port"}, catalog))
                .isInstanceOf(UsageException.class).hasMessage("--ws-port: expected a value");
    }

    @Test
    void strictEnvIsTheLaunchersWhereverItStands() throws Exception {
        Invocation serve = Invocation.parse(new String[] {"serve", "--strict-env", "--api-port", "9000"}, catalog);
        assertThat(serve.strictEnv()).isTrue();
        assertThat(serve.options()).containsEntry("api-port", "9000");
        Invocation debate = Invocation.parse(new String[] {"debate", "Q?", "--strict-env", "--json"}, catalog);
        assertThat(debate.strictEnv()).isTrue();
        assertThat(debate.args()).containsExactly("Q?", "--json");
        assertThat(Invocation.parse(new String[] {"debate", "Q?"}, catalog).strictEnv()).isFalse();
    }

    @Test
    void unknownCommandsAndOptionsAreUsageErrors() {
        assertThatThrownBy(() -> Invocation.parse(new String[] {"frobnicate"}, catalog))
                .isInstanceOf(UsageException.class).hasMessage("unknown command 'frobnicate' (try 'aragora help')");
        assertThatThrownBy(() -> Invocation.parse(new String[] {"serve", "--port", "1"}, catalog))
                .hasMessage("--port: unknown option (expected --api-port, --ws-port, --host, --features, --workers, --strict-env, --supervised)");
        assertThatThrownBy(() -> Invocation.parse(new String[] {"serve", "--api-port"}, catalog))
                .hasMessage("--api-port: expected a value");
        assertThatThrownBy(() -> Invocation.parse(new String[] {"version", "--strict-env"}, catalog))
                .hasMessage("--strict-env: unknown option (this command takes none)");
        assertThatThrownBy(() -> Invocation.parse(new String[] {"version", "extra"}, catalog))
                .hasMessageContaining("takes no arguments");
    }
}
