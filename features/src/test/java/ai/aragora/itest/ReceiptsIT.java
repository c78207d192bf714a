package ai.aragora.itest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import ai.aragora.api.receipt.DecisionRecord;
import ai.aragora.api.receipt.DecisionRecord.Consensus;
import ai.aragora.api.receipt.DecisionRecord.Dissent;
import ai.aragora.api.receipt.DecisionRecord.Participant;
import ai.aragora.api.receipt.DecisionRecord.Usage;
import ai.aragora.api.receipt.DecisionRecord.Verdict;
import ai.aragora.api.receipt.InclusionProof;
import ai.aragora.api.receipt.PublicSigningKey;
import ai.aragora.api.receipt.Receipt;
import ai.aragora.api.receipt.ReceiptLog;
import ai.aragora.api.receipt.ReceiptService;
import ai.aragora.api.receipt.ReceiptVerifier;
import ai.aragora.api.receipt.SigningKeys;
import ai.aragora.api.receipt.VerificationReport;

/** Receipts issued and verified inside the framework: the schema validator, the JDK's EdDSA and the key in the state dir, wired by DS. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ReceiptsIT extends AragoraTestSupport {

    @Inject
    private ReceiptService receipts;

    @Inject
    private ReceiptLog log;

    @Inject
    private SigningKeys keys;

    @Inject
    private ReceiptVerifier verifier;

    @Override
    protected List<String> features() {
        return List.of("core");
    }

    @Test
    public void anIssuedReceiptVerifiesOfflineWithThePublishedKey() throws Exception {
        Receipt receipt = receipts.issue(new DecisionRecord("debate-it-1", "Ship the retry change?", Verdict.APPROVED,
                Optional.of("Yes, with jitter."), Optional.of("Both agents agreed after one critique round."),
                new Consensus("majority", true, Optional.of(0.75)), List.of("claude"),
                List.of(new Dissent("gpt", "Cap the delay first.")),
                List.of(new Participant("claude", "anthropic", "claude-opus-4-1"), new Participant("gpt", "openai", "gpt-5")),
                Optional.empty(), new Usage(100, 50, 0.002), Instant.parse("2026-11-22T10:00:00Z"),
                Instant.parse("2026-11-22T10:01:00Z"), Optional.empty()));

        List<String> pems = keys.published().stream().map(PublicSigningKey::publicKeyPem).toList();
        VerificationReport report = verifier.verify(receipt.document(), pems, Optional.of(log.exportJsonl(1, 100)));
        assertThat(report.verified()).as(report.checks().toString()).isTrue();
        assertThat(receipts.verify(receipt.receiptId()).verified()).isTrue();

        InclusionProof proof = log.inclusionProof(receipt.receiptId()).orElseThrow();
        assertThat(verifier.verifyInclusion(proof, keys.published())).isTrue();

        Path keyFile = Path.of(launched().dataDir(), "state", "odr-signing-key.pem");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
    }
}
