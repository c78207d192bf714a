package ai.aragora.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.aragora.api.knowledge.NewNode;
import ai.aragora.api.knowledge.NodeKind;
import ai.aragora.api.knowledge.Provenance;
import ai.aragora.launcher.spi.Command;

class KnowledgeCommandTest {

    @TempDir
    Path temp;

    private SqliteMound km;
    private KnowledgeCommand command;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void open() {
        km = new SqliteMound(temp.resolve("data"), new TestConfig());
        command = new KnowledgeCommand(km.mound);
        km.mound.add(new NewNode("default", null, NodeKind.CONSENSUS, "Question: blue-green releases?\nDecision: yes", 0.8, Map.of(),
                Provenance.ofDebate("consensus", "d1", null, Instant.parse("2026-01-01T00:00:00Z"))));
    }

    @AfterEach
    void close() {
        km.close();
    }

    private int run(String... args) throws Exception {
        return command.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void searchPrintsOneHitALineAndSaysHowItSearched() throws Exception {
        assertThat(run("search", "blue-green releases")).isEqualTo(Command.OK);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\tconsensus\tkn-").contains("Question: blue-green releases? Decision: yes");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("1 hits (lexical only: no embedding provider)");
        assertThat(run("search", "blue-green", "--org", "globex")).isEqualTo(Command.OK);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("0 hits");
    }

    @Test
    void statsCountAndMistakesAreUsageErrorsOrFailuresNamingTheProblem() throws Exception {
        assertThat(run("stats")).isEqualTo(Command.OK);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("nodes\t1", "kind.consensus\t1", "tier.medium\t1");
        assertThat(run("forget")).isEqualTo(Command.USAGE);
        assertThat(run("search")).isEqualTo(Command.USAGE);
        assertThat(run("search", "x", "--limit", "0")).isEqualTo(Command.USAGE);
        assertThat(run("reembed")).isEqualTo(Command.FAILED);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown subcommand 'forget'", "no embedding provider is installed");
    }
}
