package ai.aragora.itest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import ai.aragora.api.knowledge.ContentHash;
import ai.aragora.itest.Distribution.Run;
import ai.aragora.itest.support.TestDatabase;

/**
 * The commands as an operator runs them, one process each: what one stores the next finds on
 * the store the environment selects; the environment and the data dir are checked before any
 * bundle starts.
 */
class CommandLineIT {

    private static final Pattern RECEIPT = Pattern.compile("(?m)^Receipt: (\\S+)$");

    private final List<Process> started = new ArrayList<>();
    private Path data;

    @BeforeEach
    void dataDir() throws IOException {
        data = Distribution.newDataDir("cli");
    }

    @AfterEach
    void stopWhatWeStarted() throws InterruptedException {
        Distribution.stopAll(started);
    }

    private Run aragora(Map<String, String> env, String... args) throws IOException, InterruptedException {
        return Distribution.run(data, env, started, args);
    }

    /** A debate in one process; the export of its receipt by id, and its verification, in the next ones. */
    private void aDebatesReceiptIsExportedAndVerifiedByLaterProcesses(Map<String, String> env) throws Exception {
        Run debate = aragora(env, "debate", "Should we adopt exponential backoff?", "--rounds", "2", "--quiet");
        assertThat(debate.status()).as(debate.err()).isZero();
        Matcher m = RECEIPT.matcher(debate.out());
        assertThat(m.find()).as("a receipt id in %s", debate.out()).isTrue();
        String receiptId = m.group(1);

        Path exported = data.resolve("receipt.odr.json");
        Run export = aragora(env, "receipt", "export", receiptId, "--format", "odr", "-o", exported.toString());
        assertThat(export.status()).as(export.err()).isZero();
        assertThat(Files.readString(exported)).containsPattern("\"receipt_id\"\\s*:\\s*\"" + Pattern.quote(receiptId) + "\"");

        Run key = aragora(env, "receipt", "public-key");
        assertThat(key.status()).as(key.err()).isZero();
        Path pem = Files.writeString(data.resolve("key.pem"), key.out());
        Run verify = aragora(env, "receipt", "verify", exported.toString(), "--pubkey", pem.toString());
        assertThat(verify.status()).as(verify.out() + verify.err()).isZero();
        assertThat(verify.out()).contains("VERIFIED", receiptId);
    }

    @Test
    void onSqlite() throws Exception {
        aDebatesReceiptIsExportedAndVerifiedByLaterProcesses(Map.of());
        assertThat(data.resolve("aragora.db")).exists();
    }

    @Test
    void onPostgres() throws Exception {
        aDebatesReceiptIsExportedAndVerifiedByLaterProcesses(Map.of("ARAGORA_STORAGE_MODE", "postgres",
                "DATABASE_URL", TestDatabase.create()));
        assertThat(data.resolve("aragora.db")).as("nothing went to SQLite").doesNotExist();
    }

    /** A knowledge export of org default with {@code count} nodes, as {@code aragora knowledge export} writes it. */
    private Path moundExport(int count) throws IOException {
        StringBuilder nodes = new StringBuilder();
        for (int i = 0; i < count; i++) {
            String content = "Lesson " + i + " about retries and backoff";
            nodes.append(i == 0 ? "" : ",").append("{\"id\":\"kn-cli-").append(i).append("\",\"org_id\":\"default\",\"workspace_id\":\"default\",")
                    .append("\"node_type\":\"fact\",\"content\":\"").append(content).append("\",\"content_hash\":\"")
                    .append(ContentHash.of(content)).append("\",\"confidence\":0.6,\"tier\":\"medium\",\"status\":\"unverified\",")
                    .append("\"strength\":1,\"uses\":0,\"metadata\":{},\"provenance\":[],")
                    .append("\"created_at\":\"2026-01-01T00:00:00Z\",\"updated_at\":\"2026-01-01T00:00:00Z\"}");
        }
        return Files.writeString(data.resolve("mound.json"), "{\"format\":\"aragora.knowledge_mound\",\"version\":1,\"org_id\":\"default\","
                + "\"nodes\":[" + nodes + "],\"relationships\":[],\"counts\":{\"nodes\":" + count + ",\"relationships\":0}}");
    }

    @Test
    void theKnowledgeMoundKeepsItsNodesInItsOwnDatabaseWhenOneIsNamed() throws Exception {
        String main = TestDatabase.create();
        String mound = TestDatabase.create();
        Map<String, String> env = Map.of("ARAGORA_STORAGE_MODE", "postgres", "DATABASE_URL", main, "KNOWLEDGE_MOUND_DATABASE_URL", mound);
        Run imported = aragora(env, "knowledge", "import", moundExport(3).toString());
        assertThat(imported.status()).as(imported.err()).isZero();

        assertThat(aragora(env, "knowledge", "stats").out()).contains("nodes\t3");
        assertThat(TestDatabase.count(mound, "SELECT COUNT(*) FROM km_nodes")).isEqualTo(3);
        assertThat(TestDatabase.count(main, "SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'km_nodes'")).isZero();
        assertThat(TestDatabase.count(main, "SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'debates'")).isEqualTo(1);
    }

    @Test
    void besideSqliteTheKnowledgeMoundKeepsItsNodesInPostgresWhenADatabaseIsNamed() throws Exception {
        String mound = TestDatabase.create();
        Map<String, String> env = Map.of("KNOWLEDGE_MOUND_DATABASE_URL", mound);
        Run imported = aragora(env, "knowledge", "import", moundExport(3).toString());
        assertThat(imported.status()).as(imported.err()).isZero();

        assertThat(aragora(env, "knowledge", "stats").out()).contains("nodes\t3");
        assertThat(TestDatabase.count(mound, "SELECT COUNT(*) FROM km_nodes")).isEqualTo(3);
        assertThat(data.resolve("knowledge_mound.db")).as("no file for the mound").doesNotExist();
        assertThat(data.resolve("aragora.db")).exists();
        Run check = aragora(env, "integrity-check");
        assertThat(check.status()).as(check.out() + check.err()).isZero();
        assertThat(check.out()).contains("postgresql://127.0.0.1");
        assertThat(aragora(Map.of(), "knowledge", "stats").out()).as("without the variable, the data dir's own (empty) mound")
                .contains("nodes\t0");
    }

    @Test
    void reembedGivesTheStoredNodesVectorsFromTheServerTheEnvironmentConfigures() throws Exception {
        int count = 70; // more than one batch of 64
        Path file = moundExport(count);
        Run imported = aragora(Map.of(), "knowledge", "import", file.toString());
        assertThat(imported.status()).as(imported.err()).isZero();

        int port = Distribution.freePort();
        try (LoopbackLlm server = new LoopbackLlm(port, KnowledgeEmbeddingsIT::embed)) {
            // No http feature: the provider's retries (ai.aragora.resilience) need no HTTP server.
            Map<String, String> env = Map.of("ARAGORA_KM_EMBEDDINGS_BASE_URL", "http://127.0.0.1:" + port + "/v1",
                    "ARAGORA_KM_EMBEDDINGS_MODEL", "loopback-embed", "ARAGORA_KM_EMBEDDINGS_DIMENSIONS", "4",
                    "ARAGORA_KM_EMBEDDINGS_API_KEY", "sk-cli-itest-0123456789");
            String features = "--features=core,sqlite,knowledge,knowledge-openai";
            Run reembed = aragora(env, "knowledge", "reembed", features);

            assertThat(reembed.status()).as(reembed.err()).isZero();
            assertThat(reembed.err()).contains("embedding every node without a vector of loopback-embed ...")
                    .doesNotContain("sk-cli-itest-0123456789");
            assertThat(server.seen).isNotEmpty().allSatisfy(r -> assertThat(r.path()).isEqualTo("/v1/embeddings"));
            Run stats = aragora(env, "knowledge", "stats", features);
            assertThat(stats.out()).contains("nodes\t" + count, "embedded\t" + count);
            Run again = aragora(env, "knowledge", "reembed", features);
            assertThat(again.out()).as("nothing is left to embed").contains("embedded 0 nodes");
        }
        Run without = aragora(Map.of(), "knowledge", "reembed");
        assertThat(without.status()).isEqualTo(1);
        assertThat(without.err()).contains("no embedding provider is installed");
    }

    @Test
    void unknownVariablesAreNamedAndStrictEnvRefusesThem() throws Exception {
        Map<String, String> env = Map.of("ARAGORA_MAX_THREADS", "4", "ARAGORA_NOT_A_SETTING", "do-not-print-me");
        Run warned = aragora(env, "receipt", "public-key");
        assertThat(warned.status()).as(warned.err()).isZero();
        assertThat(warned.err().lines().filter(l -> l.contains("ARAGORA_MAX_THREADS, ARAGORA_NOT_A_SETTING"))).hasSize(1);
        assertThat(warned.out() + warned.err()).doesNotContain("do-not-print-me");

        Run refused = aragora(env, "serve", "--strict-env", "--api-port", String.valueOf(Distribution.freePort()));
        assertThat(refused.status()).isEqualTo(2);
        assertThat(refused.err().lines()).singleElement().asString()
                .contains("ARAGORA_MAX_THREADS, ARAGORA_NOT_A_SETTING", "--strict-env").doesNotContain("do-not-print-me");
    }

    @Test
    void aDataDirThatCannotBeWrittenIsOneLineNamingItAndItsVariable() throws Exception {
        Path file = Files.writeString(data.resolve("not-a-dir"), "x");
        Path unusable = file.resolve("data");
        Run serve = aragora(Map.of("ARAGORA_DATA_DIR", unusable.toString()), "serve", "--api-port",
                String.valueOf(Distribution.freePort()));
        assertThat(serve.status()).isEqualTo(1);
        String said = serve.out() + serve.err();
        assertThat(said.lines()).as(said).singleElement().asString().contains("ARAGORA_DATA_DIR", unusable.toString());
        assertThat(said).doesNotContain("\tat ", "Exception in thread");
    }
}
