package ai.aragora.receipts;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import ai.aragora.api.rating.Calibration;
import ai.aragora.api.receipt.DecisionRecord;
import ai.aragora.api.receipt.DecisionRecord.Crux;
import ai.aragora.api.receipt.DecisionRecord.Evidence;
import ai.aragora.api.receipt.DecisionRecord.Finding;

/**
 * The receipt's evidence blocks: dissent findings, cruxes and calibration provenance, written
 * from the decision record's {@link Evidence}. Severities follow docs/decisions/0010.
 */
final class OdrEvidence {

    static final String CALIBRATION_SNAPSHOT = "aragora.calibration_snapshot";
    static final String CALIBRATION_RECORD = "aragora.calibration_record";

    private OdrEvidence() {
    }

    /**
     * The ODR severity of a critique's 0-10 severity, on the CVSS v3 bands: 9-10 P0 (critical),
     * 7-9 P1 (high), 4-7 P2 (medium), above 0 to 4 P3 (low).
     */
    static String severity(double critique) {
        if (!(critique > 0 && critique <= 10)) {
            throw new IllegalArgumentException("a finding's severity is within (0, 10], got " + critique);
        }
        return critique >= 9 ? "P0" : critique >= 7 ? "P1" : critique >= 4 ? "P2" : "P3";
    }

    /** P0 and P1 block, the rule the verifier checks the roll-ups against. */
    static boolean blocking(String severity) {
        return severity.equals("P0") || severity.equals("P1");
    }

    /** Findings with their roll-ups; severity_max only when there is a finding (the schema has no "none"). */
    static void findings(ObjectNode dissent, List<Finding> findings) {
        ArrayNode array = dissent.putArray("findings");
        String max = null;
        for (Finding f : findings) {
            String severity = severity(f.severity());
            array.addObject().put("issuer", f.critic()).put("severity", severity).put("blocking", blocking(severity))
                    .put("text", f.text());
            max = max == null || severity.compareTo(max) < 0 ? severity : max;
        }
        if (max != null) {
            dissent.put("severity_max", max);
        }
        dissent.put("blocking", max != null && blocking(max));
    }

    static ObjectNode cruxes(DecisionRecord decision) {
        List<Crux> cruxes = decision.evidence().cruxes();
        if (decision.dissent().isEmpty()) {
            return OdrDocumentBuilder.absent("no agent dissented from the decided answer: the final vote did not split");
        }
        if (cruxes.isEmpty()) {
            return OdrDocumentBuilder.absent("no crux set was recorded for this debate");
        }
        ObjectNode node = JsonDocuments.NODES.objectNode();
        node.put("status", "present");
        ArrayNode items = node.putArray("items");
        for (Crux c : cruxes) {
            items.add(crux(c, f -> {
                String severity = severity(f.severity());
                return JsonDocuments.NODES.objectNode().put("issuer", f.critic()).put("target", f.target())
                        .put("round", f.round()).put("severity", severity).put("blocking", blocking(severity)).put("text", f.text());
            }));
        }
        return node;
    }

    /**
     * The calibration behind the confidence: the snapshot of every final voter when one of them
     * had enough predictions for its confidences to be adjusted, else the referenced record.
     */
    static ObjectNode calibration(DecisionRecord decision) {
        Evidence evidence = decision.evidence();
        Optional<String> ref = decision.calibrationRef();
        if (!evidence.calibrated() && ref.isEmpty()) {
            return OdrDocumentBuilder.absent(evidence.calibration().isEmpty() ? "no calibration record for these agents"
                    : "no agent had " + Calibration.MIN_PREDICTIONS + " predictions: every vote confidence counted as stated");
        }
        ObjectNode calibration = JsonDocuments.NODES.objectNode();
        calibration.put("status", "present");
        ObjectNode provenance = calibration.putObject("provenance_ref");
        ref.ifPresent(uri -> provenance.put("uri", uri));
        if (!evidence.calibrated()) {
            provenance.put("type", CALIBRATION_RECORD);
            return calibration;
        }
        provenance.put("type", CALIBRATION_SNAPSHOT);
        provenance.put("min_predictions", Calibration.MIN_PREDICTIONS);
        ArrayNode agents = provenance.putArray("agents");
        for (Calibration c : evidence.calibration()) {
            agents.add(calibration(c).put("adjusted", c.isTrusted()));
        }
        return calibration;
    }

    /** The evidence as the decision record states it: raw 0-10 severities, every calibration value. */
    static void record(ObjectNode record, Evidence evidence) {
        if (!evidence.findings().isEmpty()) {
            ArrayNode findings = record.putArray("findings");
            evidence.findings().forEach(f -> findings.add(finding(f)));
        }
        if (!evidence.cruxes().isEmpty()) {
            ArrayNode cruxes = record.putArray("cruxes");
            evidence.cruxes().forEach(c -> cruxes.add(crux(c, OdrEvidence::finding)));
        }
        if (!evidence.calibration().isEmpty()) {
            ArrayNode calibration = record.putArray("calibration");
            evidence.calibration().forEach(c -> calibration.add(calibration(c)));
        }
        if (!evidence.priorKnowledge().isEmpty()) {
            OdrDocumentBuilder.strings(record.putArray("prior_knowledge"), evidence.priorKnowledge());
        }
    }

    private static ObjectNode crux(Crux c, Function<Finding, ObjectNode> critique) {
        ObjectNode item = JsonDocuments.NODES.objectNode();
        item.put("decided", c.decided());
        OdrDocumentBuilder.strings(item.putArray("decided_by"), c.decidedBy());
        item.put("alternative", c.alternative());
        OdrDocumentBuilder.strings(item.putArray("alternative_by"), c.alternativeBy());
        c.separatedBy().ifPresent(f -> item.set("separated_by", critique.apply(f)));
        return item;
    }

    private static ObjectNode finding(Finding f) {
        return JsonDocuments.NODES.objectNode().put("critic", f.critic()).put("target", f.target()).put("round", f.round())
                .put("severity", f.severity()).put("text", f.text());
    }

    private static ObjectNode calibration(Calibration c) {
        return JsonDocuments.NODES.objectNode().put("agent", c.agent()).put("predictions", c.predictions())
                .put("brier_score", c.brierScore()).put("expected_calibration_error", c.expectedCalibrationError());
    }
}
