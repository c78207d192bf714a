package ai.aragora.receipts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.node.ObjectNode;

import ai.aragora.api.receipt.VerificationReport;
import ai.aragora.api.receipt.VerificationReport.Status;

/** Every shared ODR vector: digests byte for byte, v0.1 and v0.2 signatures, tampering, chain fixtures. */
class OdrVectorsTest {

    private final OdrReceiptVerifier verifier = new OdrReceiptVerifier();

    @ParameterizedTest
    @CsvSource({
            Vectors.SIGNED + ", 6d7f70d080876e0f9d58b2016725a70285bdfdb4244b9341436afa4308d40405",
            Vectors.BLOCKED + ", cd74af6fc04cb613a336372411c359bca823463942b3acd772dd09892fe831ea",
            // holds "value": 1.0, which canonicalises to 1: a naive serialiser gets this digest wrong
            Vectors.DEMO_V02 + ", 41f44c7ea59c6f189096d93c22d0ee6d49566ae23cf0e8c5893468b1258680a2"})
    void digestsAreReproduced(String vector, String digest) {
        assertThat(OdrSignatures.digest(JsonDocuments.parseObject(Vectors.read(vector)))).isEqualTo(digest);
    }

    @Test
    void digestMatchesThePinnedSidecar() {
        String pinned = JsonDocuments.parse(Vectors.read("example-signed.digest.json")).get("odr_digest").textValue();
        assertThat(OdrSignatures.digest(JsonDocuments.parseObject(Vectors.read(Vectors.SIGNED)))).isEqualTo(pinned);
    }

    @Test
    void keyIdsAreDerivedFromTheRawPublicKey() {
        assertThat(Ed25519.keyId(Ed25519.publicKey(Vectors.read(Vectors.SIGNED_KEY)))).isEqualTo("ed25519-11e7e0701972f545");
        assertThat(Ed25519.keyId(Ed25519.publicKey(Vectors.read(Vectors.DEMO_KEY)))).isEqualTo("ed25519-a50b2d9003fec811");
    }

    @Test
    void signedV01Verifies() {
        VerificationReport report = verify(Vectors.SIGNED, Vectors.SIGNED_KEY);
        assertThat(report.verified()).isTrue();
        assertThat(status(report, VerificationReport.SIGNATURE)).isEqualTo(Status.PASS);
        assertThat(report.keyId()).isEqualTo("ed25519-11e7e0701972f545");
        assertThat(report.odrDigest()).isEqualTo("6d7f70d080876e0f9d58b2016725a70285bdfdb4244b9341436afa4308d40405");
    }

    @Test
    void signedV02VerifiesOverTheProtectedEnvelope() {
        VerificationReport report = verify(Vectors.DEMO_V02, Vectors.DEMO_KEY);
        assertThat(report.checks()).allMatch(c -> c.status() != Status.FAIL);
        assertThat(status(report, VerificationReport.SIGNATURE)).isEqualTo(Status.PASS);
        assertThat(status(report, VerificationReport.VERDICTS)).isEqualTo(Status.PASS);
        assertThat(status(report, VerificationReport.DISSENT)).isEqualTo(Status.PASS);
        assertThat(report.verified()).isTrue();
    }

    @Test
    void changingTheVerdictFailsTheSignatureNotTheSchema() {
        ObjectNode doc = JsonDocuments.parseObject(Vectors.read(Vectors.SIGNED));
        ((ObjectNode) doc.get("claim")).put("verdict", "CHANGES_REQUESTED");
        VerificationReport report = verifier.verify(doc.toString(), List.of(Vectors.read(Vectors.SIGNED_KEY)), Optional.empty());
        assertThat(report.ok()).isFalse();
        assertThat(status(report, VerificationReport.SCHEMA)).isEqualTo(Status.PASS);
        assertThat(status(report, VerificationReport.SIGNATURE)).isEqualTo(Status.FAIL);
    }

    @Test
    void changingSignedMetadataOfAV02SignatureFails() {
        ObjectNode doc = JsonDocuments.parseObject(Vectors.read(Vectors.DEMO_V02));
        ((ObjectNode) doc.get("signatures").get(0)).put("signed_at", "2030-01-01T00:00:00+00:00");
        VerificationReport report = verifier.verify(doc.toString(), List.of(Vectors.read(Vectors.DEMO_KEY)), Optional.empty());
        assertThat(status(report, VerificationReport.DIGEST)).isEqualTo(Status.PASS);
        assertThat(status(report, VerificationReport.SIGNATURE)).isEqualTo(Status.FAIL);
    }

    @Test
    void aV01SignatureIsNotAcceptedUnderTheV02Construction() {
        ObjectNode doc = JsonDocuments.parseObject(Vectors.read(Vectors.SIGNED));
        doc.put("odr_version", "0.2");
        doc.put("profile", "https://aragora.ai/specs/open-decision-receipt/v0.2");
        VerificationReport report = verifier.verify(doc.toString(), List.of(Vectors.read(Vectors.SIGNED_KEY)), Optional.empty());
        assertThat(status(report, VerificationReport.SIGNATURE)).isEqualTo(Status.FAIL);
    }

    @Test
    void withoutAKeySignaturesAreSkippedNotTrusted() {
        VerificationReport report = verifier.verify(Vectors.read(Vectors.SIGNED), List.of(), Optional.empty());
        assertThat(report.ok()).isTrue();
        assertThat(report.authenticityUnverified()).isTrue();
        assertThat(report.verified()).isFalse();
    }

    @Test
    void anotherKeyDoesNotVerify() {
        VerificationReport report = verify(Vectors.SIGNED, Vectors.DEMO_KEY);
        assertThat(report.ok()).isFalse();
        assertThat(status(report, VerificationReport.SIGNATURE)).isEqualTo(Status.FAIL);
    }

    @Test
    void unsignedReceiptWarns() {
        VerificationReport report = verifier.verify(Vectors.read(Vectors.BLOCKED), List.of(), Optional.empty());
        assertThat(report.verified()).isTrue();
        assertThat(status(report, VerificationReport.SIGNATURE)).isEqualTo(Status.WARN);
        assertThat(report.warnings()).anyMatch(w -> w.contains("undisclosed"));
    }

    @Test
    void supporterWhoIsNotAParticipantFailsQuorumConsistency() {
        ObjectNode doc = JsonDocuments.parseObject(Vectors.read(Vectors.BLOCKED));
        doc.withArray("/quorum/supporting_agents").add("ghost-agent");
        VerificationReport report = verifier.verify(doc.toString(), List.of(), Optional.empty());
        assertThat(status(report, VerificationReport.QUORUM)).isEqualTo(Status.FAIL);
    }

    @Test
    void schemaViolationsAreReported() {
        ObjectNode doc = JsonDocuments.parseObject(Vectors.read(Vectors.SIGNED));
        doc.remove("routing");
        VerificationReport report = verifier.verify(doc.toString(), List.of(), Optional.empty());
        assertThat(status(report, VerificationReport.SCHEMA)).isEqualTo(Status.FAIL);
        ObjectNode v01WithV02Member = JsonDocuments.parseObject(Vectors.read(Vectors.SIGNED));
        v01WithV02Member.putObject("adjudication").put("kind", "review_adjudication.v1").put("verdict", "settle").put("reason", "x");
        assertThat(status(verifier.verify(v01WithV02Member.toString(), List.of(), Optional.empty()), VerificationReport.SCHEMA))
                .isEqualTo(Status.FAIL);
    }

    @Test
    void anchoredChainWarnsBecauseItsLinksCannotBeRecomputed() {
        VerificationReport report = verifyWithChain(Vectors.CHAIN_ANCHORED);
        assertThat(report.ok()).isTrue();
        assertThat(check(report, VerificationReport.CHAIN).status()).isEqualTo(Status.WARN);
        assertThat(check(report, VerificationReport.CHAIN).detail()).contains("not an integrity proof");
    }

    @Test
    void notAnchoredChainFails() {
        VerificationReport report = verifyWithChain(Vectors.CHAIN_NOT_ANCHORED);
        assertThat(report.ok()).isFalse();
        assertThat(check(report, VerificationReport.CHAIN).detail()).contains("not anchored");
    }

    @Test
    void brokenChainFails() {
        VerificationReport report = verifyWithChain(Vectors.CHAIN_BROKEN);
        assertThat(report.ok()).isFalse();
        assertThat(check(report, VerificationReport.CHAIN).detail()).contains("broken").contains("linkage");
    }

    private VerificationReport verifyWithChain(String chain) {
        return verifier.verify(Vectors.read(Vectors.SIGNED), List.of(Vectors.read(Vectors.SIGNED_KEY)), Optional.of(Vectors.read(chain)));
    }

    private VerificationReport verify(String doc, String key) {
        return verifier.verify(Vectors.read(doc), List.of(Vectors.read(key)), Optional.empty());
    }

    static Status status(VerificationReport report, String name) {
        return check(report, name).status();
    }

    static VerificationReport.Check check(VerificationReport report, String name) {
        return report.checks().stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no check " + name + " in " + report.checks()));
    }
}
