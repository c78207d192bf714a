package ai.aragora.launcher.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class CommandLineTest {

    private final CommandLine.Syntax syntax = CommandLine.syntax().flag("json").value("rounds", "agents", "o").repeated("pubkey");

    private CommandLine parse(String... args) throws UsageException {
        return syntax.parse(List.of(args));
    }

    @Test
    void readsEverySpelling() throws Exception {
        CommandLine line = parse("task", "--rounds", "3", "--agents=a, b,,c", "--json", "-o", "out.txt", "--pubkey", "k1",
                "--pubkey=k2", "more");
        assertThat(line.positional()).containsExactly("task", "more");
        assertThat(line.integer("rounds", 1, 1, 12)).isEqualTo(3);
        assertThat(line.list("agents", List.of())).containsExactly("a", "b", "c");
        assertThat(line.has("json")).isTrue();
        assertThat(line.value("o")).contains("out.txt");
        assertThat(line.values("pubkey")).containsExactly("k1", "k2");
        assertThat(parse("-o=x").value("o")).contains("x");
    }

    @Test
    void absentOptionsGiveTheFallback() throws Exception {
        CommandLine line = parse();
        assertThat(line.has("json")).isFalse();
        assertThat(line.integer("rounds", 3, 1, 12)).isEqualTo(3);
        assertThat(line.value("agents", "d")).isEqualTo("d");
        assertThat(line.values("pubkey")).isEmpty();
        assertThat(line.list("agents", List.of("x"))).containsExactly("x");
    }

    @Test
    void doubleDashEndsTheOptionsAndALoneDashIsAnArgument() throws Exception {
        assertThat(parse("--", "--json", "-").positional()).containsExactly("--json", "-");
        assertThat(parse("-").positional()).containsExactly("-");
        assertThat(parse("-5").positional()).as("a negative number is no option").containsExactly("-5");
    }

    @Test
    void errorsNameTheOptionFirst() {
        assertThatThrownBy(() -> parse("--bogus")).isInstanceOf(UsageException.class)
                .hasMessage("--bogus: unknown option (expected --json, --rounds, --agents, -o, --pubkey)");
        assertThatThrownBy(() -> parse("-x", "1")).hasMessageStartingWith("-x: unknown option");
        assertThatThrownBy(() -> parse("--rounds")).hasMessage("--rounds: expected a value");
        assertThatThrownBy(() -> parse("--rounds", "--json")).hasMessage("--rounds: expected a value");
        assertThatThrownBy(() -> parse("--json=yes")).hasMessage("--json: takes no value, got 'yes'");
        assertThatThrownBy(() -> parse("--json", "--json")).hasMessage("--json: given twice");
        assertThatThrownBy(() -> parse("--rounds", "2", "--rounds=3")).hasMessage("--rounds: given twice");
        assertThatThrownBy(() -> parse("--rounds", "x").integer("rounds", 1, 1, 12))
                .hasMessage("--rounds: expected a number, got 'x'");
        assertThatThrownBy(() -> parse("--rounds", "13").integer("rounds", 1, 1, 12))
                .hasMessage("--rounds: expected a number from 1 to 12, got '13'");
        assertThatThrownBy(() -> parse("--rounds", "99999999999").integer("rounds", 1, 1, 12))
                .hasMessage("--rounds: expected a number from 1 to 12, got '99999999999'");
        assertThatThrownBy(() -> parse("--rounds", "1.5").longInteger("rounds", 0))
                .hasMessage("--rounds: expected a number, got '1.5'");
        assertThatThrownBy(() -> parse("--rounds", "NaN").decimal("rounds", 0))
                .hasMessage("--rounds: expected a number, got 'NaN'");
        assertThatThrownBy(() -> parse("-o", "pdf").choice("o", "md", "md", "html"))
                .hasMessage("-o: expected md or html, got 'pdf'");
    }

    @Test
    void positionalHelpers() throws Exception {
        assertThat(parse("one").single("a file")).isEqualTo("one");
        assertThatThrownBy(() -> parse().single("a file")).hasMessage("expected a file");
        assertThatThrownBy(() -> parse("a", "b").single("a file")).hasMessage("expected a file, got 2 arguments");
        assertThatThrownBy(() -> parse("a").noPositional()).hasMessage("unexpected argument 'a'");
        parse("--json").noPositional();
    }

    @Test
    void extractTakesItsOwnOptionsAndPassesTheRestOnInOrder() throws Exception {
        CommandLine line = CommandLine.syntax().value("features").flag("strict-env")
                .extract(List.of("Q?", "--rounds", "2", "--features=core", "--strict-env", "--json", "--", "--features", "x"));
        assertThat(line.value("features")).contains("core");
        assertThat(line.has("strict-env")).isTrue();
        assertThat(line.positional()).containsExactly("Q?", "--rounds", "2", "--json", "--", "--features", "x");
    }

    @Test
    void askingForAnUndeclaredOptionIsAProgrammingError() {
        assertThatThrownBy(() -> parse().value("nope")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CommandLine.syntax().flag("a").value("a")).isInstanceOf(IllegalArgumentException.class);
    }
}
