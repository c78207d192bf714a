package ai.aragora.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
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
        command = new KnowledgeCommand(km.mound, new MoundExchange(km.store, km.mound, km.metrics, new TestConfig()));
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
    void reembedTellsItsProgressAndARunThatStoppedIsResumedByTheNext() throws Exception {
        List<NewNode> more = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            more.add(new NewNode("default", null, NodeKind.FACT, "Postgres outage lesson " + i, 0.6, Map.of(),
                    Provenance.ofDebate("consensus", "d" + i, null, Instant.parse("2026-01-01T00:00:00Z"))));
        }
        km.mound.addAll(more);
        ConceptEmbeddings model = new ConceptEmbeddings();
        model.failAfter = 1;
        km.mound.bindEmbeddings(model);

        assertThat(run("reembed")).isEqualTo(Command.FAILED);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("embedding stopped: the model is not loaded",
                "running it again resumes");
        assertThat(km.store.stats("default", null).embedded()).as("the first batch is kept").isEqualTo(Embeddings.BATCH);

        model.failAfter = Integer.MAX_VALUE;
        assertThat(run("reembed")).isEqualTo(Command.OK);

        assertThat(err.toString(StandardCharsets.UTF_8)).contains("embedding every node without a vector of concepts-v1 ...",
                "embedded 64 nodes", "embedded 87 nodes");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("embedded 87 nodes");
        assertThat(km.store.stats("default", null).embedded()).isEqualTo(151);
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

    @Test
    void exportWritesAFileThatImportReadsBackAndABrokenFileStoresNothing() throws Exception {
        Path file = temp.resolve("mound.json");
        assertThat(run("export", "--out", file.toString())).isEqualTo(Command.OK);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("exported 1 nodes and 0 relationships of org default as json");
        assertThat(Files.readString(file)).contains("\"format\":\"aragora.knowledge_mound\"");
        assertThat(temp.toFile().list()).as("no partial file left").containsExactlyInAnyOrder("data", "mound.json");

        try (SqliteMound other = new SqliteMound(temp.resolve("other"), new TestConfig())) {
            KnowledgeCommand there = new KnowledgeCommand(other.mound, new MoundExchange(other.store, other.mound, other.metrics, new TestConfig()));
            PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
            PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
            Path cut = Files.write(temp.resolve("cut.json"), java.util.Arrays.copyOf(Files.readAllBytes(file), 100));

            assertThat(there.run(List.of("import", cut.toString()), o, e)).isEqualTo(Command.FAILED);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("import refused, nothing was stored: the file is truncated");
            assertThat(other.store.list("default", null, null, 0, 10).total()).isZero();

            assertThat(there.run(List.of("import", file.toString()), o, e)).isEqualTo(Command.OK);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("read 1 nodes and 0 relationships ...",
                    "checked and stored in one transaction");
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("imported 1 nodes (1 new) and 0 relationships into org default");
            assertThat(other.store.list("default", null, null, 0, 10).total()).isOne();
            assertThat(there.run(List.of("import", temp.resolve("missing.json").toString()), o, e)).isEqualTo(Command.FAILED);
        }
    }

    @Test
    void graphMlGoesToStandardOutput() throws Exception {
        assertThat(run("export", "--format", "graphml")).isEqualTo(Command.OK);
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("<?xml").contains("<node id=\"kn-");
        assertThat(run("export", "--format", "csv")).isEqualTo(Command.USAGE);
    }
}
