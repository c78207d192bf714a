package ai.aragora.receipts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import com.fasterxml.jackson.databind.node.ObjectNode;

import ai.aragora.api.receipt.DecisionRecord;
import ai.aragora.api.receipt.OdrVersion;
import ai.aragora.api.receipt.Receipt;
import ai.aragora.api.receipt.VerificationReport;

/**
 * Receipts per second on one thread: the whole pipeline (build, validate, canonicalise, sign,
 * chain, Merkle append, then verify offline) and its parts. Run with {@code -Pbenchmark}; not
 * part of the test run.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 5, time = 5)
@State(Scope.Thread)
public class ReceiptThroughputBenchmark {

    private ReceiptLedger ledger;
    private OdrReceiptVerifier verifier;
    private OdrSchema schema;
    private SigningKeyRing.Signer signer;
    private List<String> keys;
    private DecisionRecord decision;
    private byte[] message;
    private byte[] signature;

    @Setup(Level.Iteration)
    public void setUp() throws IOException {
        Path state = Files.createTempDirectory("receipt-bench");
        SigningKeyRing ring = new SigningKeyRing(Optional.of(state), Optional.empty(), ReceiptLedgerTest.quiet());
        verifier = new OdrReceiptVerifier();
        schema = new OdrSchema();
        ledger = new ReceiptLedger(ring, OdrVersion.V0_2, "aragora", 256, 1000, verifier, Clock.systemUTC());
        signer = ring.signer();
        keys = List.of(ring.active().publicKeyPem());
        decision = Decisions.typical();
        message = Sha256.digest("benchmark".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        signature = signer.sign(message);
    }

    /** What the goal counts: a receipt built, signed, stored and verified. */
    @Benchmark
    public boolean issueAndVerify() {
        Receipt receipt = ledger.issue(decision);
        VerificationReport report = verifier.verify(receipt.document(), keys, Optional.empty());
        return report.verified();
    }

    @Benchmark
    public Receipt issue() {
        return ledger.issue(decision);
    }

    /** Everything but the signature: record, document, schema validation, canonical digest. */
    @Benchmark
    public String buildValidateDigest() {
        String record = CanonicalJson.text(OdrDocumentBuilder.decision(decision));
        ObjectNode doc = OdrDocumentBuilder.build(decision, "rcpt-bench", java.time.Instant.EPOCH, OdrVersion.V0_2, Sha256.hex(record));
        if (!schema.validate(doc).isEmpty()) {
            throw new IllegalStateException("invalid");
        }
        return OdrSignatures.digest(doc);
    }

    @Benchmark
    public byte[] ed25519Sign() {
        return signer.sign(message);
    }

    @Benchmark
    public boolean ed25519Verify() {
        return Ed25519.verify(signer.publicKey(), message, signature);
    }
}
