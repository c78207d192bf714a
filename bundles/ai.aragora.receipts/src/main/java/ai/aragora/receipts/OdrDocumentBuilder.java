package ai.aragora.receipts;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import ai.aragora.api.receipt.DecisionRecord;
import ai.aragora.api.receipt.DecisionRecord.Crux;
import ai.aragora.api.receipt.DecisionRecord.Finding;
import ai.aragora.api.receipt.DecisionRecord.Participant;
import ai.aragora.api.receipt.OdrVersion;

/**
 * The ODR document for a decision, unsigned ({@code signatures: []}). Every value comes from the
 * decision record; what the record does not know is written as an absent marker with the reason,
 * never filled in.
 */
final class OdrDocumentBuilder {

    static final String SOURCE_SYSTEM = "aragora";
    static final String SOURCE_SCHEMA = "aragora.debate.DecisionRecord";
    /**
     * 1.1: the record states its evidence (findings, cruxes, calibration) when it has any; 1.2: and
     * the Knowledge Mound nodes the debate was given ({@code prior_knowledge}) when it was given any.
     */
    static final String SOURCE_SCHEMA_VERSION = "1.2";

    /** RFC 3339 in UTC with an explicit {@code +00:00}, to the second. */
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx");

    private OdrDocumentBuilder() {
    }

    static String timestamp(Instant instant) {
        return TIMESTAMP.format(instant.truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC));
    }

    /**
     * @param artifactHash SHA-256 hex of the canonical decision record ({@link #decision})
     * @throws IllegalArgumentException when the record contradicts itself (a supporter or
     *         dissenter that did not participate): such a receipt would fail verification
     */
    static ObjectNode build(DecisionRecord decision, String receiptId, Instant issuedAt, OdrVersion version, String artifactHash) {
        checkConsistent(decision);
        ObjectNode doc = JsonDocuments.NODES.objectNode();
        doc.put("odr_version", version.wireName());
        doc.put("profile", version.profileUri());
        doc.put("receipt_id", receiptId);
        doc.put("issued_at", timestamp(issuedAt));

        ObjectNode subject = doc.putObject("subject");
        subject.put("identifier", decision.debateId());
        ObjectNode digest = subject.putObject("digest");
        digest.put("status", "present");
        digest.put("alg", "sha-256");
        digest.put("value", Sha256.hex(decision.task()));
        subject.put("summary", decision.task());

        ObjectNode claim = doc.putObject("claim");
        claim.put("verdict", verdict(decision.verdict()));
        if (decision.finalAnswer().isPresent()) {
            claim.put("statement", decision.finalAnswer().get());
        } else {
            claim.set("statement", absent("the debate produced no final answer"));
        }

        if (decision.reasoningSummary().isPresent()) {
            ObjectNode reasoning = doc.putObject("reasoning");
            reasoning.put("status", "present");
            reasoning.put("summary", decision.reasoningSummary().get());
        } else {
            doc.set("reasoning", absent("no reasoning summary was recorded with this decision"));
        }

        doc.set("quorum", quorum(decision, version));

        if (decision.consensus().confidence().isPresent()) {
            ObjectNode confidence = doc.putObject("confidence");
            confidence.put("status", "present");
            confidence.put("value", decision.consensus().confidence().get());
            confidence.put("scale", "unit_interval");
            confidence.set("calibration", OdrEvidence.calibration(decision));
        } else {
            doc.set("confidence", absent("the consensus method '" + decision.consensus().method() + "' measured no confidence"));
        }

        doc.set("cruxes", OdrEvidence.cruxes(decision));
        doc.putObject("attestation").put("disposition", "autonomous");
        doc.putObject("routing").put("status", "reserved");
        doc.putArray("signatures");

        ObjectNode source = doc.putObject("source");
        source.put("system", SOURCE_SYSTEM);
        source.put("schema", SOURCE_SCHEMA);
        source.put("schema_version", SOURCE_SCHEMA_VERSION);
        source.put("receipt_id", receiptId);
        source.put("artifact_hash", artifactHash);
        return doc;
    }

    /** The ODR convention (PASS / CONDITIONAL / FAIL) where one exists, the debate's own word otherwise. */
    static String verdict(DecisionRecord.Verdict verdict) {
        return switch (verdict) {
            case APPROVED -> "PASS";
            case APPROVED_WITH_CONDITIONS -> "CONDITIONAL";
            case REJECTED -> "FAIL";
            case NEEDS_REVIEW -> "NEEDS_REVIEW";
        };
    }

    private static ObjectNode quorum(DecisionRecord decision, OdrVersion version) {
        ObjectNode quorum = JsonDocuments.NODES.objectNode();
        quorum.put("status", "present");
        quorum.put("method", decision.consensus().method());
        quorum.put("reached", decision.consensus().reached());
        strings(quorum.putArray("supporting_agents"), decision.supportingAgents());

        ArrayNode participants = quorum.putArray("participants");
        Set<String> families = new TreeSet<>();
        int undisclosed = 0;
        for (Participant p : decision.participants()) {
            ObjectNode entry = participants.addObject();
            entry.put("agent", p.agent());
            entry.put("model_family", p.modelFamily());
            entry.put("model_id", p.modelId());
            if (p.familyDisclosed()) {
                families.add(p.modelFamily());
            } else {
                undisclosed++;
            }
        }
        ObjectNode independence = quorum.putObject("independence");
        independence.put("disclosed", !families.isEmpty());
        independence.put("distinct_model_families", families.size());
        strings(independence.putArray("model_families"), List.copyOf(families));
        if (undisclosed > 0) {
            independence.put("note", undisclosed + " of " + decision.participants().size()
                    + " participants did not disclose a model family");
        }

        ObjectNode dissent = quorum.putObject("dissent");
        dissent.put("present", !decision.dissent().isEmpty());
        strings(dissent.putArray("dissenting_agents"), decision.dissent().stream().map(DecisionRecord.Dissent::agent).toList());
        strings(dissent.putArray("views"), decision.dissent().stream().map(DecisionRecord.Dissent::view).toList());
        // 0.1 has no place for findings: there they stay in the decision record alone.
        if (version == OdrVersion.V0_2) {
            OdrEvidence.findings(dissent, decision.evidence().findings());
        }
        return quorum;
    }

    /** The full decision record: what {@code source.artifact_hash} commits to. */
    static ObjectNode decision(DecisionRecord decision) {
        ObjectNode record = JsonDocuments.NODES.objectNode();
        record.put("schema", SOURCE_SCHEMA);
        record.put("schema_version", SOURCE_SCHEMA_VERSION);
        record.put("debate_id", decision.debateId());
        record.put("task", decision.task());
        record.put("verdict", decision.verdict().wireName());
        decision.finalAnswer().ifPresent(a -> record.put("final_answer", a));
        decision.reasoningSummary().ifPresent(r -> record.put("reasoning_summary", r));
        ObjectNode consensus = record.putObject("consensus");
        consensus.put("method", decision.consensus().method());
        consensus.put("reached", decision.consensus().reached());
        decision.consensus().confidence().ifPresent(c -> consensus.put("confidence", c));
        strings(record.putArray("supporting_agents"), decision.supportingAgents());
        ArrayNode dissent = record.putArray("dissent");
        decision.dissent().forEach(d -> dissent.addObject().put("agent", d.agent()).put("view", d.view()));
        ArrayNode participants = record.putArray("participants");
        decision.participants().forEach(p -> participants.addObject()
                .put("agent", p.agent()).put("model_family", p.modelFamily()).put("model_id", p.modelId()));
        decision.baseline().ifPresent(b -> record.putObject("baseline_vote").put("winner", b.winner()).put("share", b.share()));
        ObjectNode usage = record.putObject("usage");
        usage.put("input_tokens", decision.usage().inputTokens());
        usage.put("output_tokens", decision.usage().outputTokens());
        usage.put("cost_usd", decision.usage().costUsd());
        record.put("started_at", timestamp(decision.startedAt()));
        record.put("finished_at", timestamp(decision.finishedAt()));
        decision.calibrationRef().ifPresent(c -> record.put("calibration_ref", c));
        OdrEvidence.record(record, decision.evidence());
        return record;
    }

    private static void checkConsistent(DecisionRecord decision) {
        Set<String> agents = new HashSet<>();
        decision.participants().forEach(p -> agents.add(p.agent()));
        for (String a : decision.supportingAgents()) {
            if (!agents.contains(a)) {
                throw new IllegalArgumentException("supporting agent '" + a + "' is not a participant");
            }
        }
        for (DecisionRecord.Dissent d : decision.dissent()) {
            if (!agents.contains(d.agent())) {
                throw new IllegalArgumentException("dissenting agent '" + d.agent() + "' is not a participant");
            }
        }
        for (Finding f : decision.evidence().findings()) {
            participant(agents, f, "finding");
        }
        for (Crux c : decision.evidence().cruxes()) {
            for (String a : concat(List.of(c.decided(), c.alternative()), c.decidedBy(), c.alternativeBy())) {
                if (!agents.contains(a)) {
                    throw new IllegalArgumentException("crux agent '" + a + "' is not a participant");
                }
            }
            c.separatedBy().ifPresent(f -> participant(agents, f, "crux critique"));
        }
    }

    private static void participant(Set<String> agents, Finding f, String what) {
        for (String a : List.of(f.critic(), f.target())) {
            if (!agents.contains(a)) {
                throw new IllegalArgumentException(what + " agent '" + a + "' is not a participant");
            }
        }
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        List<String> all = new ArrayList<>();
        for (List<String> l : lists) {
            all.addAll(l);
        }
        return all;
    }

    static ObjectNode absent(String reason) {
        ObjectNode node = JsonDocuments.NODES.objectNode();
        node.put("status", "absent");
        node.put("reason", reason);
        return node;
    }

    static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }
}
