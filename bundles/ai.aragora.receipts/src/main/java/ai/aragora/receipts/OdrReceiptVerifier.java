package ai.aragora.receipts;

import java.security.PublicKey;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.osgi.service.component.annotations.Component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import ai.aragora.api.receipt.ChainVerification;
import ai.aragora.api.receipt.Checkpoint;
import ai.aragora.api.receipt.ConsistencyProof;
import ai.aragora.api.receipt.InclusionProof;
import ai.aragora.api.receipt.PublicSigningKey;
import ai.aragora.api.receipt.ReceiptStore;
import ai.aragora.api.receipt.ReceiptVerifier;
import ai.aragora.api.receipt.VerificationReport;
import ai.aragora.api.receipt.VerificationReport.Check;
import ai.aragora.api.receipt.VerificationReport.Status;

/**
 * Verifies ODR documents offline, with the checks and outcomes of Aragora's reference verifier
 * so a receipt gets the same answer here and there: schema, canonical digest, signatures,
 * quorum (and on 0.2 verdict and dissent) consistency, chain anchoring.
 */
@Component(service = ReceiptVerifier.class)
public class OdrReceiptVerifier implements ReceiptVerifier {

    /** Members a 0.1 signature cannot commit to; {@code signed_at} was always tolerated. */
    private static final List<String> UNAUTHENTICATED_V01 = List.of("issuer", "role", "expires_at");

    private final OdrSchema schema;
    private final Clock clock;

    public OdrReceiptVerifier() {
        this(Clock.systemUTC());
    }

    OdrReceiptVerifier(Clock clock) {
        this.schema = new OdrSchema();
        this.clock = clock;
    }

    @Override
    public VerificationReport verify(String document, List<String> publicKeysPem, Optional<String> chainJsonl) {
        JsonNode doc = JsonDocuments.parse(document);
        List<PublicKey> keys = publicKeysPem.stream().map(Ed25519::publicKey).toList();
        Optional<List<JsonNode>> chain = chainJsonl.map(HashChain::parseJsonl);
        return verify(doc, keys, chain);
    }

    VerificationReport verify(JsonNode doc, List<PublicKey> keys, Optional<List<JsonNode>> chain) {
        String receiptId = doc.path("receipt_id").isTextual() ? doc.get("receipt_id").textValue() : "";
        List<Check> checks = new ArrayList<>();
        List<String> errors = doc.isObject() ? schema.validate(doc) : List.of("the document is not a JSON object");
        if (!errors.isEmpty()) {
            checks.add(new Check(VerificationReport.SCHEMA, Status.FAIL, String.join("; ", errors.subList(0, Math.min(12, errors.size())))));
            return new VerificationReport(receiptId, "", "", checks, List.of());
        }
        ObjectNode object = (ObjectNode) doc;
        String odrVersion = object.get("odr_version").textValue();
        checks.add(new Check(VerificationReport.SCHEMA, Status.PASS, "conforms to ODR v" + odrVersion + " profile"));

        List<String> warnings = new ArrayList<>();
        String digest;
        try {
            digest = OdrSignatures.digest(object);
        } catch (IllegalArgumentException e) {
            checks.add(new Check(VerificationReport.DIGEST, Status.FAIL, "cannot canonicalize receipt: " + e.getMessage()));
            return new VerificationReport(receiptId, "", "", checks, weakening(object));
        }
        checks.add(new Check(VerificationReport.DIGEST, Status.PASS, "sha-256:" + digest));

        Signatures signatures = signatures(object, odrVersion, digest, keys, warnings);
        checks.add(signatures.check());
        checks.add(quorumConsistency(object));
        if ("0.2".equals(odrVersion) && object.path("quorum").path("status").asText().equals("present")) {
            checks.add(verdictsConsistency(object.get("quorum")));
            checks.add(dissentConsistency(object.get("quorum").get("dissent")));
        }
        checks.add(chain.map(c -> HashChain.verify(c, digest))
                .orElse(new Check(VerificationReport.CHAIN, Status.SKIP, "no chain supplied")));
        warnings.addAll(weakening(object));
        return new VerificationReport(receiptId, digest, signatures.keyId(), checks, warnings);
    }

    private record Signatures(Check check, String keyId) {
    }

    private Signatures signatures(ObjectNode doc, String odrVersion, String digest, List<PublicKey> keys, List<String> warnings) {
        JsonNode entries = doc.get("signatures");
        int count = entries.size();
        if (count == 0 && keys.isEmpty()) {
            return new Signatures(new Check(VerificationReport.SIGNATURE, Status.WARN,
                    "receipt is unsigned (v" + odrVersion + "); authenticity not established"), "");
        }
        if (count == 0) {
            return new Signatures(new Check(VerificationReport.SIGNATURE, Status.SKIP,
                    "receipt carries no signatures; authenticity NOT established even though a public key was supplied"), "");
        }
        if (keys.isEmpty()) {
            return new Signatures(new Check(VerificationReport.SIGNATURE, Status.SKIP,
                    count + " signature(s) present but no public key supplied; authenticity NOT verified"), "");
        }
        Map<String, PublicKey> byId = new LinkedHashMap<>();
        keys.forEach(k -> byId.put(Ed25519.keyId(k), k));
        List<String> notes = new ArrayList<>();
        boolean failedMatching = false;
        boolean relabelled = false;
        String verifiedKey = "";
        for (int i = 0; i < count; i++) {
            JsonNode entry = entries.get(i);
            String keyId = entry.get("key_id").textValue();
            if ("0.1".equals(odrVersion)) {
                for (String member : UNAUTHENTICATED_V01) {
                    if (entry.has(member)) {
                        warnings.add("signatures[" + i + "]: unauthenticated signature metadata: " + member
                                + " is not covered by a v0.1 signature");
                    }
                }
            }
            expiry(entry, i, warnings);
            Optional<byte[]> raw = Ed25519.decodeSignature(entry.get("signature").textValue());
            PublicKey key = byId.get(keyId);
            if (raw.isEmpty()) {
                notes.add("sig[" + i + "]: undecodable signature");
                failedMatching |= key != null;
                continue;
            }
            byte[] message = OdrSignatures.message(odrVersion, digest, entry);
            if (key != null) {
                if (Ed25519.verify(key, message, raw.get())) {
                    notes.add("sig[" + i + "] (key_id=" + keyId + "): verified");
                    if (verifiedKey.isEmpty()) {
                        verifiedKey = keyId;
                    }
                } else {
                    notes.add("sig[" + i + "] (key_id=" + keyId + "): INVALID");
                    failedMatching = true;
                }
            } else if (keys.stream().anyMatch(k -> Ed25519.verify(k, message, raw.get()))) {
                notes.add("sig[" + i + "]: verifies with a supplied key but its key_id (" + keyId
                        + ") names another key: possible signer-label tampering");
                relabelled = true;
            } else {
                notes.add("sig[" + i + "] (key_id=" + keyId + "): no supplied key has this id");
                warnings.add("signatures[" + i + "]: key_id_mismatch: " + keyId + " is not among the supplied keys "
                        + byId.keySet());
            }
        }
        String detail = String.join("; ", notes);
        if (failedMatching) {
            return new Signatures(new Check(VerificationReport.SIGNATURE, Status.FAIL, "signature check failed: " + detail), "");
        }
        if (!verifiedKey.isEmpty()) {
            return new Signatures(new Check(VerificationReport.SIGNATURE, Status.PASS, "Ed25519 signature verified: " + detail), verifiedKey);
        }
        if (relabelled) {
            return new Signatures(new Check(VerificationReport.SIGNATURE, Status.FAIL, "signer-label tampering suspected: " + detail), "");
        }
        return new Signatures(new Check(VerificationReport.SIGNATURE, Status.FAIL,
                "no signature verified with the supplied key: " + detail), "");
    }

    private void expiry(JsonNode entry, int index, List<String> warnings) {
        JsonNode expires = entry.get("expires_at");
        if (expires == null) {
            return;
        }
        try {
            if (OffsetDateTime.parse(expires.textValue()).toInstant().isBefore(clock.instant())) {
                warnings.add("signatures[" + index + "]: expired at " + expires.textValue());
            }
        } catch (DateTimeParseException e) {
            warnings.add("signatures[" + index + "]: expires_at is not an RFC 3339 time");
        }
    }

    private static Check quorumConsistency(ObjectNode doc) {
        JsonNode quorum = doc.get("quorum");
        if (!quorum.path("status").asText().equals("present")) {
            return new Check(VerificationReport.QUORUM, Status.SKIP, "no present quorum block to cross-check");
        }
        Set<String> participants = participants(quorum);
        Set<String> referenced = new LinkedHashSet<>();
        quorum.get("supporting_agents").forEach(a -> referenced.add(a.asText()));
        quorum.get("dissent").get("dissenting_agents").forEach(a -> referenced.add(a.asText()));
        referenced.removeAll(participants);
        if (!referenced.isEmpty()) {
            return new Check(VerificationReport.QUORUM, Status.FAIL,
                    "agents referenced but not in participants (malformed or tampered): " + String.join(", ", referenced));
        }
        return new Check(VerificationReport.QUORUM, Status.PASS, "supporting/dissenting agents all appear in participants");
    }

    private static Check verdictsConsistency(JsonNode quorum) {
        Set<String> participants = participants(quorum);
        Set<String> missing = new LinkedHashSet<>();
        quorum.path("verdicts").forEach(v -> missing.add(v.get("issuer").asText()));
        missing.removeAll(participants);
        if (!missing.isEmpty()) {
            return new Check(VerificationReport.VERDICTS, Status.FAIL, "issuers not in participants: " + String.join(", ", missing));
        }
        return new Check(VerificationReport.VERDICTS, Status.PASS, "every verdict issuer is a participant");
    }

    /** Severity P0 is the most severe; P0 and P1 block. */
    private static Check dissentConsistency(JsonNode dissent) {
        List<String> problems = new ArrayList<>();
        JsonNode findings = dissent.path("findings");
        String max = null;
        boolean blocking = false;
        for (int i = 0; i < findings.size(); i++) {
            String severity = findings.get(i).get("severity").asText();
            boolean shouldBlock = OdrEvidence.blocking(severity);
            if (findings.get(i).get("blocking").asBoolean() != shouldBlock) {
                problems.add("quorum.dissent.findings[" + i + "].blocking: expected " + shouldBlock + " for " + severity);
            }
            blocking |= shouldBlock;
            max = max == null || severity.compareTo(max) < 0 ? severity : max;
        }
        if (dissent.has("severity_max") && !dissent.get("severity_max").asText().equals(String.valueOf(max))) {
            problems.add("quorum.dissent.severity_max: expected " + max + " from findings");
        }
        if (dissent.has("blocking") && dissent.get("blocking").asBoolean() != blocking) {
            problems.add("quorum.dissent.blocking: expected " + blocking + " from findings");
        }
        if (!problems.isEmpty()) {
            return new Check(VerificationReport.DISSENT, Status.FAIL, String.join("; ", problems));
        }
        return new Check(VerificationReport.DISSENT, Status.PASS, "dissent roll-ups follow from the findings");
    }

    private static Set<String> participants(JsonNode quorum) {
        Set<String> names = new LinkedHashSet<>();
        quorum.get("participants").forEach(p -> names.add(p.get("agent").asText()));
        return names;
    }

    /** Signals that make a receipt weaker evidence without making it false. */
    static List<String> weakening(ObjectNode doc) {
        List<String> warnings = new ArrayList<>();
        if (doc.path("attestation").path("disposition").asText().equals("autonomous")) {
            warnings.add("attestation: autonomous - no human accepted the risk for this decision");
        }
        JsonNode quorum = doc.path("quorum");
        if (quorum.path("status").asText().equals("absent")) {
            warnings.add("quorum: absent - no adversarial review recorded");
        } else if (quorum.path("status").asText().equals("present")) {
            JsonNode independence = quorum.path("independence");
            if (!independence.path("disclosed").asBoolean()) {
                warnings.add("quorum.independence: model diversity not disclosed");
            } else if (independence.path("distinct_model_families").asInt() < 2) {
                warnings.add("quorum.independence: single model family - limited adversarial diversity");
            }
            for (JsonNode p : quorum.path("participants")) {
                if (p.path("model_family").asText().equals("undisclosed")) {
                    warnings.add("quorum.participants: one or more model families undisclosed");
                    break;
                }
            }
        }
        JsonNode confidence = doc.path("confidence");
        if (confidence.path("status").asText().equals("present")
                && confidence.path("calibration").path("status").asText().equals("absent")) {
            warnings.add("confidence: present but uncalibrated (no calibration provenance)");
        }
        if (doc.path("reasoning").path("status").asText().equals("absent")) {
            warnings.add("reasoning: absent - no recorded justification");
        }
        return warnings;
    }

    @Override
    public boolean verifyInclusion(InclusionProof proof, List<PublicSigningKey> keys) {
        if (!verifyCheckpoint(proof.checkpoint(), keys)) {
            return false;
        }
        byte[] leaf = MerkleTree.leafHash(HashChain.canonical(proof.leaf()));
        return MerkleTree.verifyInclusion(proof.leaf().leafIndex(), proof.checkpoint().treeSize(), leaf,
                hashes(proof.auditPath()), HexFormat.of().parseHex(proof.checkpoint().rootHash()));
    }

    @Override
    public boolean verifyConsistency(ConsistencyProof proof, List<PublicSigningKey> keys) {
        return verifyCheckpoint(proof.first(), keys) && verifyCheckpoint(proof.second(), keys)
                && MerkleTree.verifyConsistency(proof.first().treeSize(), proof.second().treeSize(),
                        HexFormat.of().parseHex(proof.first().rootHash()), HexFormat.of().parseHex(proof.second().rootHash()),
                        hashes(proof.path()));
    }

    @Override
    public boolean verifyCheckpoint(Checkpoint checkpoint, List<PublicSigningKey> keys) {
        Optional<byte[]> signature = Ed25519.decodeSignature(checkpoint.signature());
        if (signature.isEmpty()) {
            return false;
        }
        byte[] message = Checkpoints.message(checkpoint.treeSize(), checkpoint.rootHash(), checkpoint.timestamp(), checkpoint.keyId());
        return keys.stream().filter(k -> k.keyId().equals(checkpoint.keyId()))
                .anyMatch(k -> Ed25519.verify(Ed25519.publicKey(k.publicKeyPem()), message, signature.get()));
    }

    private static List<byte[]> hashes(List<String> hex) {
        try {
            return hex.stream().map(HexFormat.of()::parseHex).toList();
        } catch (IllegalArgumentException e) {
            return List.of(new byte[0]);
        }
    }

    @Override
    public ChainVerification verifyChain(ReceiptStore store) {
        return HashChain.verify(store);
    }
}
