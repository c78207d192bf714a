package ai.aragora.receipts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import ai.aragora.api.receipt.OdrVersion;
import ai.aragora.api.receipt.Receipt;

class ReceiptCommandTest {

    @TempDir
    Path dir;

    private ReceiptLedger ledger;
    private ReceiptCommand command;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void setUp() throws IOException {
        OdrReceiptVerifier verifier = new OdrReceiptVerifier();
        Path state = Files.createDirectory(dir.resolve("state"));
        ledger = new ReceiptLedger(new SigningKeyRing(Optional.of(state), Optional.empty(), ReceiptLedgerTest.quiet()),
                OdrVersion.V0_2, "aragora", 100, 1000, verifier, Clock.systemUTC());
        command = new ReceiptCommand(verifier, ledger, ledger);
        for (String vector : List.of(Vectors.SIGNED, Vectors.SIGNED_KEY, Vectors.CHAIN_ANCHORED, Vectors.CHAIN_NOT_ANCHORED,
                Vectors.CHAIN_BROKEN, Vectors.DEMO_V02, Vectors.DEMO_KEY)) {
            Files.writeString(dir.resolve(vector), Vectors.read(vector));
        }
    }

    @Test
    void verifiedReceiptsExitZero() {
        assertThat(run("verify", file(Vectors.SIGNED), "--pubkey", file(Vectors.SIGNED_KEY))).isZero();
        assertThat(stdout()).contains("VERIFIED");
        assertThat(run("verify", file(Vectors.DEMO_V02), "--pubkey", file(Vectors.DEMO_KEY))).isZero();
    }

    @Test
    void aTamperedReceiptExitsOne() throws IOException {
        Path tampered = dir.resolve("tampered.json");
        Files.writeString(tampered, Vectors.read(Vectors.SIGNED).replace("\"verdict\": \"PASS\"", "\"verdict\": \"FAIL\""));
        assertThat(run("verify", tampered.toString(), "--pubkey", file(Vectors.SIGNED_KEY))).isEqualTo(1);
        assertThat(stdout()).contains("[FAIL] signature");
    }

    @Test
    void signaturesWithoutAKeyExitThree() {
        assertThat(run("verify", file(Vectors.SIGNED))).isEqualTo(3);
        assertThat(stdout()).contains("UNVERIFIED");
    }

    @Test
    void unusableInputExitsTwoWithOneLineAndNoStackTrace() throws IOException {
        assertThat(run("verify", dir.resolve("absent.json").toString())).isEqualTo(2);
        assertThat(stderr()).contains("not found").doesNotContain("\tat ");
        Path notJson = dir.resolve("not.json");
        Files.writeString(notJson, "{\"receipt_id\": ");
        assertThat(run("verify", notJson.toString())).isEqualTo(2);
        assertThat(stderr().lines()).hasSize(1);
        assertThat(run("verify", file(Vectors.SIGNED), "--pubkey", file(Vectors.SIGNED))).isEqualTo(2);
        assertThat(stderr().lines()).hasSize(1);
        assertThat(run("verify")).isEqualTo(2);
        assertThat(run("verify", file(Vectors.SIGNED), "--bogus", "x")).isEqualTo(2);
    }

    @Test
    void chainFixturesGiveTheExpectedOutcomes() {
        assertThat(run("verify", file(Vectors.SIGNED), "--pubkey", file(Vectors.SIGNED_KEY), "--chain", file(Vectors.CHAIN_ANCHORED), "--json")).isZero();
        JsonNode json = JsonDocuments.parse(stdout());
        assertThat(json.get("ok").booleanValue()).isTrue();
        assertThat(json.at("/checks/4/name").textValue()).isEqualTo("chain_link");
        assertThat(json.at("/checks/4/status").textValue()).isEqualTo("warn");
        assertThat(run("verify", file(Vectors.SIGNED), "--pubkey", file(Vectors.SIGNED_KEY), "--chain", file(Vectors.CHAIN_NOT_ANCHORED))).isEqualTo(1);
        assertThat(run("verify", file(Vectors.SIGNED), "--pubkey", file(Vectors.SIGNED_KEY), "--chain", file(Vectors.CHAIN_BROKEN))).isEqualTo(1);
    }

    @Test
    void publicKeyVerifiesWhatTheServerIssued() throws IOException {
        Receipt receipt = ledger.issue(Decisions.typical());
        assertThat(run("public-key")).isZero();
        Path key = dir.resolve("server.pem");
        Files.writeString(key, stdout());
        assertThat(run("export", receipt.receiptId(), "--format", "odr", "-o", dir.resolve("r.odr.json").toString())).isZero();
        assertThat(run("verify", dir.resolve("r.odr.json").toString(), "--pubkey", key.toString())).isZero();
        assertThat(run("public-key", "--json")).isZero();
        assertThat(JsonDocuments.parse(stdout()).get("key_id").textValue()).isEqualTo(receipt.keyId());
    }

    @Test
    void exportRendersStoredReceiptsAndFiles() {
        Receipt receipt = ledger.issue(Decisions.typical());
        assertThat(run("export", receipt.receiptId(), "--format", "html")).isZero();
        assertThat(stdout()).startsWith("<!DOCTYPE html>");
        assertThat(run("export", file(Vectors.SIGNED), "--format", "md")).isZero();
        assertThat(stdout()).contains("r-signed-golden-0001");
        assertThat(run("export", "rcpt-unknown", "--format", "md")).isEqualTo(1);
        assertThat(run("export", receipt.receiptId(), "--format", "pdf")).isEqualTo(2);
    }

    @Test
    void rotateKeyPrintsTheNewKeyId() {
        String before = ledger.active().keyId();
        assertThat(run("rotate-key")).isZero();
        assertThat(stdout().strip()).isEqualTo(ledger.active().keyId()).isNotEqualTo(before);
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        return command.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private String file(String vector) {
        return dir.resolve(vector).toString();
    }
}
