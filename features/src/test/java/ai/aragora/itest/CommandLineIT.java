package ai.aragora.itest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

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

    /** What one run said: its exit status, stdout and stderr. */
    private record Run(int status, String out, String err) {
    }

    @BeforeEach
    void dataDir() throws IOException {
        data = Distribution.newDataDir("cli");
    }

    @AfterEach
    void stopWhatWeStarted() throws InterruptedException {
        Distribution.stopAll(started);
    }

    private Run aragora(Map<String, String> env, String... args) throws IOException, InterruptedException {
        int n = started.size();
        Process process = Distribution.aragora(data, env, args)
                .redirectOutput(data.resolve("out-" + n + ".log").toFile())
                .redirectError(data.resolve("err-" + n + ".log").toFile())
                .start();
        started.add(process);
        assertThat(process.waitFor(180, TimeUnit.SECONDS)).as("aragora %s ended", String.join(" ", args)).isTrue();
        return new Run(process.exitValue(), Files.readString(data.resolve("out-" + n + ".log"), StandardCharsets.UTF_8),
                Files.readString(data.resolve("err-" + n + ".log"), StandardCharsets.UTF_8));
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
