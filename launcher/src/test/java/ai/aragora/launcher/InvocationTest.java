package ai.aragora.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class InvocationTest {

    private final CommandCatalog catalog = new CommandCatalog(List.of(
            new CommandCatalog.Spec("serve", CommandCatalog.Kind.BUILTIN, "", Invocation.SERVE_OPTIONS, List.of()),
            new CommandCatalog.Spec("help", CommandCatalog.Kind.BUILTIN, "", Set.of(), List.of()),
            new CommandCatalog.Spec("version", CommandCatalog.Kind.BUILTIN, "", Set.of(), List.of()),
            new CommandCatalog.Spec("debate", CommandCatalog.Kind.BUNDLE, "", Set.of(), List.of("core"))));

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
                .isInstanceOf(UsageException.class).hasMessageContaining("needs a value");
    }

    @Test
    void unknownCommandsAndOptionsAreUsageErrors() {
        assertThatThrownBy(() -> Invocation.parse(new String[] {"frobnicate"}, catalog))
                .isInstanceOf(UsageException.class).hasMessage("unknown command 'frobnicate' (try 'aragora help')");
        assertThatThrownBy(() -> Invocation.parse(new String[] {"serve", "--port", "1"}, catalog))
                .hasMessage("unknown option '--port' for 'serve'");
        assertThatThrownBy(() -> Invocation.parse(new String[] {"serve", "--api-port"}, catalog))
                .hasMessage("option '--api-port' needs a value");
        assertThatThrownBy(() -> Invocation.parse(new String[] {"version", "extra"}, catalog))
                .hasMessageContaining("takes no arguments");
    }
}
