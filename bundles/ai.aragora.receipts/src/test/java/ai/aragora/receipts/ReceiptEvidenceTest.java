package ai.aragora.receipts;

import static ai.aragora.receipts.OdrVectorsTest.check;
import static ai.aragora.receipts.OdrVectorsTest.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import ai.aragora.api.rating.Calibration;
import ai.aragora.api.receipt.DecisionRecord;
import ai.aragora.api.receipt.DecisionRecord.Crux;
import ai.aragora.api.receipt.DecisionRecord.Evidence;
import ai.aragora.api.receipt.DecisionRecord.Finding;
import ai.aragora.api.receipt.DecisionRecord.Verdict;
import ai.aragora.api.receipt.ExportFormat;
import ai.aragora.api.receipt.OdrVersion;
import ai.aragora.api.receipt.PublicSigningKey;
import ai.aragora.api.receipt.Receipt;
import ai.aragora.api.receipt.VerificationReport;
import ai.aragora.api.receipt.VerificationReport.Status;

/** Receipts that carry their evidence: dissent findings, cruxes and calibration provenance. */
class ReceiptEvidenceTest {

    @TempDir
    Path state;

    private final OdrReceiptVerifier verifier = new OdrReceiptVerifier();
    private final OdrSchema schema = new OdrSchema();
    private ReceiptLedger ledger;
    private List<String> pems;

    @BeforeEach
    void setUp() {
        SigningKeyRing keys = new SigningKeyRing(Optional.of(state), Optional.empty(), ReceiptLedgerTest.quiet());
        ledger = new ReceiptLedger(keys, OdrVersion.V0_2, "aragora", 4, 1000, verifier,
                Clock.fixed(Instant.parse("2026-11-22T10:03:00Z"), ZoneOffset.UTC));
        pems = ledger.published().stream().map(PublicSigningKey::publicKeyPem).toList();
    }

    /** Issues, checks the schema and offline verification, and returns the document. */
    private ObjectNode issued(DecisionRecord decision, OdrVersion version) {
        Receipt receipt = ledger.issue(decision, version);
        ObjectNode doc = JsonDocuments.parseObject(receipt.document());
        assertThat(schema.validate(doc)).as("schema").isEmpty();
        VerificationReport report = verifier.verify(receipt.document(), pems, Optional.empty());
        assertThat(report.verified()).as(report.checks().toString()).isTrue();
        if (version == OdrVersion.V0_2) {
            assertThat(status(report, VerificationReport.DISSENT)).isEqualTo(Status.PASS);
        }
        return doc;
    }

    private static DecisionRecord withDissent(Evidence evidence) {
        return Decisions.of("majority", Verdict.APPROVED_WITH_CONDITIONS, true).withEvidence(evidence);
    }

    @ParameterizedTest
    @CsvSource({"0.1, P3", "3.99, P3", "4, P2", "6.99, P2", "7, P1", "8.99, P1", "9, P0", "10, P0"})
    void critiqueSeveritiesMapOntoTheCvssBands(double critique, String severity) {
        assertThat(OdrEvidence.severity(critique)).isEqualTo(severity);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, -1, 10.01, Double.NaN})
    void aFindingNeedsASeverityAboveZeroAndAtMostTen(double severity) {
        assertThatThrownBy(() -> OdrEvidence.severity(severity)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Decisions.finding("gpt", severity)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aDebateWithDissentCarriesItsFindingsAndCruxes() {
        ObjectNode doc = issued(Decisions.of("majority", Verdict.APPROVED_WITH_CONDITIONS, true), OdrVersion.V0_2);

        JsonNode dissent = doc.at("/quorum/dissent");
        assertThat(dissent.get("present").booleanValue()).isTrue();
        assertThat(dissent.get("findings")).hasSize(2);
        assertThat(dissent.at("/findings/0/issuer").textValue()).isEqualTo("gpt");
        assertThat(dissent.at("/findings/0/severity").textValue()).isEqualTo("P1");
        assertThat(dissent.at("/findings/0/blocking").booleanValue()).isTrue();
        assertThat(dissent.at("/findings/0/text").textValue()).startsWith("Issues: no cap on the delay");
        assertThat(dissent.at("/findings/1/issuer").textValue()).isEqualTo("local");
        assertThat(dissent.at("/findings/1/severity").textValue()).isEqualTo("P3");
        assertThat(dissent.at("/findings/1/blocking").booleanValue()).isFalse();
        assertThat(dissent.get("severity_max").textValue()).isEqualTo("P1");
        assertThat(dissent.get("blocking").booleanValue()).isTrue();

        JsonNode crux = doc.at("/cruxes/items/0");
        assertThat(doc.at("/cruxes/status").textValue()).isEqualTo("present");
        assertThat(doc.at("/cruxes/items")).hasSize(1);
        assertThat(crux.get("decided").textValue()).isEqualTo("claude");
        assertThat(crux.get("decided_by")).extracting(JsonNode::textValue).containsExactly("claude", "local");
        assertThat(crux.get("alternative").textValue()).isEqualTo("gpt");
        assertThat(crux.get("alternative_by")).extracting(JsonNode::textValue).containsExactly("gpt");
        assertThat(crux.at("/separated_by/issuer").textValue()).isEqualTo("gpt");
        assertThat(crux.at("/separated_by/target").textValue()).isEqualTo("claude");
        assertThat(crux.at("/separated_by/round").intValue()).isEqualTo(2);
        assertThat(crux.at("/separated_by/severity").textValue()).isEqualTo("P1");
    }

    @Test
    void onlyP0AndP1Block() {
        JsonNode advisory = issued(withDissent(new Evidence(List.of(Decisions.finding("gpt", 6.99), Decisions.finding("local", 4)),
                Decisions.dissentEvidence().cruxes(), List.of())), OdrVersion.V0_2).at("/quorum/dissent");
        assertThat(advisory.get("findings")).extracting(f -> f.get("blocking").booleanValue()).containsExactly(false, false);
        assertThat(advisory.get("severity_max").textValue()).isEqualTo("P2");
        assertThat(advisory.get("blocking").booleanValue()).isFalse();

        JsonNode fatal = issued(withDissent(new Evidence(List.of(Decisions.finding("local", 1), Decisions.finding("gpt", 9)),
                Decisions.dissentEvidence().cruxes(), List.of())), OdrVersion.V0_2).at("/quorum/dissent");
        assertThat(fatal.get("severity_max").textValue()).isEqualTo("P0");
        assertThat(fatal.get("blocking").booleanValue()).isTrue();
    }

    @Test
    void rollUpsThatContradictTheFindingsFailTheDissentCheck() {
        ObjectNode doc = JsonDocuments.parseObject(ledger.issue(Decisions.typical()).document());
        ((ObjectNode) doc.at("/quorum/dissent")).put("blocking", false);
        ((ObjectNode) doc.at("/quorum/dissent/findings/0")).put("blocking", false);
        VerificationReport report = verifier.verify(doc.toString(), pems, Optional.empty());
        assertThat(status(report, VerificationReport.DISSENT)).isEqualTo(Status.FAIL);
        assertThat(check(report, VerificationReport.DISSENT).detail()).contains("expected true for P1");
    }

    @Test
    void withoutDissentCruxesAreAbsentWithTheReasonAndStandingCritiquesRemainFindings() {
        DecisionRecord unanimous = Decisions.of("unanimous", Verdict.APPROVED, false)
                .withEvidence(new Evidence(List.of(Decisions.finding("gpt", 2.5)), List.of(), List.of()));
        ObjectNode doc = issued(unanimous, OdrVersion.V0_2);
        assertThat(doc.at("/cruxes/status").textValue()).isEqualTo("absent");
        assertThat(doc.at("/cruxes/reason").textValue()).contains("no agent dissented");
        assertThat(doc.at("/quorum/dissent/present").booleanValue()).isFalse();
        assertThat(doc.at("/quorum/dissent/severity_max").textValue()).isEqualTo("P3");

        ObjectNode clean = issued(Decisions.of("unanimous", Verdict.APPROVED, false), OdrVersion.V0_2);
        assertThat(clean.at("/quorum/dissent/findings")).isEmpty();
        assertThat(clean.at("/quorum/dissent").has("severity_max")).as("no severity without a finding").isFalse();
        assertThat(clean.at("/quorum/dissent/blocking").booleanValue()).isFalse();
        assertThat(clean.at("/cruxes/status").textValue()).isEqualTo("absent");
    }

    @Test
    void dissentWithoutARecordedCruxSetSaysSo() {
        ObjectNode doc = issued(withDissent(Evidence.NONE), OdrVersion.V0_2);
        assertThat(doc.at("/cruxes/reason").textValue()).isEqualTo("no crux set was recorded for this debate");
        assertThat(doc.at("/quorum/dissent/findings")).isEmpty();
    }

    @Test
    void aV01ReceiptKeepsCruxesButHasNoPlaceForFindings() {
        Receipt receipt = ledger.issue(Decisions.typical(), OdrVersion.V0_1);
        ObjectNode doc = issued(Decisions.typical(), OdrVersion.V0_1);
        assertThat(doc.at("/quorum/dissent").has("findings")).isFalse();
        assertThat(doc.at("/quorum/dissent").has("blocking")).isFalse();
        assertThat(doc.at("/cruxes/status").textValue()).isEqualTo("present");
        JsonNode record = JsonDocuments.parse(receipt.decision().orElseThrow());
        assertThat(record.at("/findings/0/severity").doubleValue()).as("the decision record keeps them").isEqualTo(7.5);
    }

    @Test
    void calibrationIsPresentOnceAnAgentHasTenPredictions() {
        Calibration claude = new Calibration("claude", Calibration.MIN_PREDICTIONS, 0.125, 0.0625);
        Calibration gpt = new Calibration("gpt", 9, 0.3, 0.2);
        ObjectNode doc = issued(withDissent(new Evidence(List.of(), List.of(), List.of(claude, gpt))), OdrVersion.V0_2);

        JsonNode calibration = doc.at("/confidence/calibration");
        assertThat(calibration.get("status").textValue()).isEqualTo("present");
        JsonNode ref = calibration.get("provenance_ref");
        assertThat(ref.get("type").textValue()).isEqualTo("aragora.calibration_snapshot");
        assertThat(ref.get("min_predictions").intValue()).isEqualTo(10);
        assertThat(ref.at("/agents/0/agent").textValue()).isEqualTo("claude");
        assertThat(ref.at("/agents/0/predictions").intValue()).isEqualTo(10);
        assertThat(ref.at("/agents/0/brier_score").doubleValue()).isEqualTo(0.125);
        assertThat(ref.at("/agents/0/expected_calibration_error").doubleValue()).isEqualTo(0.0625);
        assertThat(ref.at("/agents/0/adjusted").booleanValue()).isTrue();
        assertThat(ref.at("/agents/1/adjusted").booleanValue()).as("gpt's 9 predictions adjusted nothing").isFalse();
        assertThat(verifier.verify(ledger.issue(withDissent(new Evidence(List.of(), List.of(), List.of(claude, gpt))))
                .document(), pems, Optional.empty()).warnings()).noneMatch(w -> w.contains("uncalibrated"));
    }

    @Test
    void calibrationBelowTenPredictionsIsAbsentWithTheReason() {
        ObjectNode doc = issued(withDissent(new Evidence(List.of(), List.of(), List.of(new Calibration("claude", 9, 0.1, 0.05)))),
                OdrVersion.V0_2);
        assertThat(doc.at("/confidence/calibration/status").textValue()).isEqualTo("absent");
        assertThat(doc.at("/confidence/calibration/reason").textValue()).contains("no agent had 10 predictions");
        JsonNode record = JsonDocuments.parse(ledger.issue(withDissent(new Evidence(List.of(), List.of(),
                List.of(new Calibration("claude", 9, 0.1, 0.05))))).decision().orElseThrow());
        assertThat(record.at("/calibration/0/predictions").intValue()).as("the record states the snapshot all the same").isEqualTo(9);
    }

    @Test
    void theDecisionRecordCommitsToTheRawEvidence() {
        Receipt receipt = ledger.issue(Decisions.typical());
        JsonNode record = JsonDocuments.parse(receipt.decision().orElseThrow());
        assertThat(record.get("schema_version").textValue()).isEqualTo("1.2");
        assertThat(record.at("/findings/0/critic").textValue()).isEqualTo("gpt");
        assertThat(record.at("/findings/0/target").textValue()).isEqualTo("claude");
        assertThat(record.at("/findings/0/round").intValue()).isEqualTo(2);
        assertThat(record.at("/cruxes/0/separated_by/severity").doubleValue()).isEqualTo(7.5);
        assertThat(record.at("/calibration/1/agent").textValue()).isEqualTo("gpt");
        assertThat(status(ledger.verify(receipt.receiptId()), VerificationReport.ARTIFACT)).isEqualTo(Status.PASS);
    }

    @Test
    void thePriorKnowledgeADebateWasGivenIsSignedInItsRecordAndLeavesTheDocumentValid() {
        Evidence given = new Evidence(List.of(), List.of(), List.of(), List.of("kn-1", "kn-2"));
        for (OdrVersion version : OdrVersion.values()) {
            issued(withDissent(given), version);
        }
        Receipt receipt = ledger.issue(withDissent(given));
        JsonNode record = JsonDocuments.parse(receipt.decision().orElseThrow());
        assertThat(record.get("prior_knowledge")).extracting(JsonNode::textValue).containsExactly("kn-1", "kn-2");
        assertThat(status(ledger.verify(receipt.receiptId()), VerificationReport.ARTIFACT)).isEqualTo(Status.PASS);
        JsonNode without = JsonDocuments.parse(ledger.issue(withDissent(Evidence.NONE)).decision().orElseThrow());
        assertThat(without.has("prior_knowledge")).isFalse();
    }

    @Test
    void evidenceNamingAnAgentThatDidNotTakePartIsRefused() {
        DecisionRecord ghostFinding = withDissent(new Evidence(List.of(new Finding("ghost", "claude", 1, 5, "")), List.of(), List.of()));
        assertThatThrownBy(() -> ledger.issue(ghostFinding)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ghost");
        DecisionRecord ghostCrux = withDissent(new Evidence(List.of(),
                List.of(new Crux("claude", List.of("claude"), "gpt", List.of("gpt", "ghost"), Optional.empty())), List.of()));
        assertThatThrownBy(() -> ledger.issue(ghostCrux)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ghost");
        assertThat(ledger.count()).isZero();
    }

    @Test
    void humanRenderingsShowFindingsAndCruxesEscaped() {
        Receipt receipt = ledger.issue(Decisions.typical());
        String md = ledger.export(receipt.receiptId(), ExportFormat.MD).body();
        assertThat(md).contains("### Findings", "| P1 | yes | gpt | Issues: no cap on the delay \\<script\\>alert(1)\\</script\\> \\| risks",
                "## Cruxes", "- claude's proposal (backed by claude, local) against gpt's (backed by gpt); separated by gpt's critique"
                        + " of claude's proposal in round 2 (P1): Issues:")
                .doesNotContain("<script>");
        String html = ledger.export(receipt.receiptId(), ExportFormat.HTML).body();
        assertThat(html).contains("<h3>Findings</h3>", "<td>P1</td><td>yes</td><td>gpt</td>", "<h2>Cruxes</h2>",
                "&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>");

        String none = ledger.export(ledger.issue(Decisions.of("unanimous", Verdict.APPROVED, false)).receiptId(), ExportFormat.MD).body();
        assertThat(none).doesNotContain("### Findings").contains("## Cruxes\n\n- Absent: no agent dissented");

        Calibration claude = new Calibration("claude", 12, 0.125, 0.0625);
        String calibrated = ledger.export(ledger.issue(withDissent(new Evidence(List.of(), List.of(), List.of(claude))))
                .receiptId(), ExportFormat.HTML).body();
        assertThat(calibrated).contains("<h2>Calibration</h2>", "<td>claude</td><td>12</td><td>0.1250</td><td>0.0625</td><td>yes</td>");
    }
}
