package ai.aragora.receipts;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import ai.aragora.api.receipt.ChainEntry;
import ai.aragora.api.receipt.ChainVerification;
import ai.aragora.api.receipt.ReceiptStore;
import ai.aragora.api.receipt.VerificationReport.Check;
import ai.aragora.api.receipt.VerificationReport.Status;
import ai.aragora.api.receipt.VerificationReport;

/**
 * The receipt hash chain. An entry's {@code hash} is SHA-256 of the canonical JSON of the entry
 * without {@code hash}, and {@code prev_hash} is the previous entry's {@code hash}, so changing,
 * dropping or reordering any entry breaks every later link.
 */
final class HashChain {

    private static final Set<String> ENTRY_MEMBERS = Set.of("seq", "receipt_id", "odr_digest", "issued_at", "prev_hash", "hash");
    private static final List<String> FOREIGN_PREV = List.of("prev_hash", "previous_hash", "parent_hash");
    private static final List<String> FOREIGN_HASH = List.of("hash", "entry_hash", "leaf_hash");
    private static final int BATCH = 1000;
    private static final int MAX_PROBLEMS = 20;

    private HashChain() {
    }

    static ChainEntry link(long seq, String prevHash, String receiptId, String odrDigest, String issuedAt) {
        ObjectNode content = content(seq, receiptId, odrDigest, issuedAt, prevHash);
        return new ChainEntry(seq, receiptId, odrDigest, issuedAt, prevHash, Sha256.hex(CanonicalJson.bytes(content)));
    }

    static ObjectNode json(ChainEntry e) {
        ObjectNode node = content(e.seq(), e.receiptId(), e.odrDigest(), e.issuedAt(), e.prevHash());
        node.put("hash", e.hash());
        return node;
    }

    /** The canonical JSON of the entry: one JSONL line, and the Merkle leaf's data. */
    static byte[] canonical(ChainEntry e) {
        return CanonicalJson.bytes(json(e));
    }

    static String jsonl(List<ChainEntry> entries) {
        StringBuilder out = new StringBuilder(entries.size() * 300);
        for (ChainEntry e : entries) {
            out.append(CanonicalJson.text(json(e))).append('\n');
        }
        return out.toString();
    }

    /** @throws IllegalArgumentException naming the line that is not a JSON object */
    static List<JsonNode> parseJsonl(String text) {
        List<JsonNode> entries = new ArrayList<>();
        String[] lines = text.split("\r?\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            try {
                entries.add(JsonDocuments.parseObject(lines[i]));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("chain line " + (i + 1) + ": " + e.getMessage());
            }
        }
        return entries;
    }

    /**
     * Whether the receipt with this digest is anchored in the chain and the chain holds together.
     * Aragora's own entries are recomputed, so a forged link fails; entries of another shape
     * (another system's ledger) can only be checked for declared linkage, which an attacker who
     * controls the file can fake: that is reported as a warning, never as a pass.
     */
    static Check verify(List<JsonNode> chain, String odrDigest) {
        if (chain.isEmpty()) {
            return new Check(VerificationReport.CHAIN, Status.FAIL, "chain file is empty");
        }
        List<String> broken = new ArrayList<>();
        String lastHash = null;
        Long lastSeq = null;
        boolean sawLinks = false;
        boolean allRecomputed = true;
        boolean anchored = false;
        for (int i = 0; i < chain.size(); i++) {
            JsonNode entry = chain.get(i);
            Optional<String> hash = firstText(entry, FOREIGN_HASH);
            Optional<String> prev = firstText(entry, FOREIGN_PREV);
            if (prev.isPresent()) {
                sawLinks = true;
                if (i > 0 && lastHash != null && !prev.get().equals(lastHash)) {
                    broken.add("entry[" + i + "].prev_hash != entry[" + (i - 1) + "].hash");
                }
            }
            if (entry.path("seq").isIntegralNumber()) {
                long seq = entry.get("seq").longValue();
                if (lastSeq != null && seq != lastSeq + 1) {
                    broken.add("entry[" + i + "].seq " + seq + " does not follow " + lastSeq + " (reordered or missing entries)");
                }
                lastSeq = seq;
            }
            Optional<Boolean> recomputed = recompute(entry);
            if (recomputed.isEmpty()) {
                allRecomputed = false;
            } else if (!recomputed.get()) {
                broken.add("entry[" + i + "].hash does not match its content");
            }
            if (anchors(entry, odrDigest)) {
                anchored = true;
            }
            lastHash = hash.orElse(lastHash);
        }
        if (!broken.isEmpty()) {
            return new Check(VerificationReport.CHAIN, Status.FAIL, "broken hash-chain linkage: " + String.join("; ", broken));
        }
        if (!anchored) {
            return new Check(VerificationReport.CHAIN, Status.FAIL,
                    "receipt content digest not found among chain entries (not anchored)");
        }
        if (allRecomputed) {
            return new Check(VerificationReport.CHAIN, Status.PASS, "receipt anchored; all " + chain.size()
                    + " entries recomputed and linked");
        }
        if (sawLinks) {
            return new Check(VerificationReport.CHAIN, Status.WARN, "receipt anchored; declared prev/hash links are "
                    + "self-consistent but NOT recomputed -- this is not an integrity proof of the chain itself");
        }
        return new Check(VerificationReport.CHAIN, Status.PASS, "receipt anchored in chain (no prev-hash links to verify)");
    }

    /** A store's whole chain, read in batches: see {@link ai.aragora.api.receipt.ReceiptVerifier#verifyChain}. */
    static ChainVerification verify(ReceiptStore store) {
        List<String> problems = new ArrayList<>();
        String prev = ChainEntry.GENESIS;
        long expected = 1;
        long checked = 0;
        long size = store.size();
        while (expected <= size && problems.size() < MAX_PROBLEMS) {
            List<ChainEntry> batch = store.entries(expected, BATCH);
            if (batch.isEmpty()) {
                problems.add("the chain head says " + size + " entries but entry " + expected + " is missing");
                break;
            }
            for (ChainEntry e : batch) {
                if (e.seq() != expected) {
                    problems.add("entry " + expected + " is missing (found " + e.seq() + ")");
                }
                if (!e.prevHash().equals(prev)) {
                    problems.add("entry " + e.seq() + " does not link to the entry before it");
                }
                if (!link(e.seq(), e.prevHash(), e.receiptId(), e.odrDigest(), e.issuedAt()).hash().equals(e.hash())) {
                    problems.add("entry " + e.seq() + " (" + e.receiptId() + ") was altered: its hash does not match its content");
                }
                prev = e.hash();
                expected = e.seq() + 1;
                checked++;
            }
        }
        return new ChainVerification(checked, problems);
    }

    /** Empty when the entry is not in Aragora's shape; otherwise whether its hash is right. */
    private static Optional<Boolean> recompute(JsonNode entry) {
        Set<String> names = new java.util.HashSet<>();
        entry.fieldNames().forEachRemaining(names::add);
        if (!names.equals(ENTRY_MEMBERS) || !entry.get("seq").isIntegralNumber()
                || !entry.get("receipt_id").isTextual() || !entry.get("odr_digest").isTextual()
                || !entry.get("issued_at").isTextual() || !entry.get("prev_hash").isTextual() || !entry.get("hash").isTextual()) {
            return Optional.empty();
        }
        ObjectNode content = ((ObjectNode) entry).deepCopy();
        content.remove("hash");
        return Optional.of(Sha256.hex(CanonicalJson.bytes(content)).equals(entry.get("hash").textValue()));
    }

    /** Only the content digest binds: a receipt id can be reused by a tampered body. */
    private static boolean anchors(JsonNode entry, String odrDigest) {
        var values = entry.elements();
        while (values.hasNext()) {
            JsonNode v = values.next();
            if (v.isTextual() && v.textValue().equals(odrDigest)) {
                return true;
            }
        }
        return false;
    }

    private static Optional<String> firstText(JsonNode entry, List<String> names) {
        for (String name : names) {
            JsonNode v = entry.get(name);
            if (v != null && v.isTextual() && !v.textValue().isEmpty()) {
                return Optional.of(v.textValue());
            }
        }
        return Optional.empty();
    }

    private static ObjectNode content(long seq, String receiptId, String odrDigest, String issuedAt, String prevHash) {
        ObjectNode node = JsonDocuments.NODES.objectNode();
        node.put("seq", seq);
        node.put("receipt_id", receiptId);
        node.put("odr_digest", odrDigest);
        node.put("issued_at", issuedAt);
        node.put("prev_hash", prevHash);
        return node;
    }
}
