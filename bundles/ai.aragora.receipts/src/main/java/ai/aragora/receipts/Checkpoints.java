package ai.aragora.receipts;

import java.time.Instant;
import java.util.HexFormat;

import com.fasterxml.jackson.databind.node.ObjectNode;

import ai.aragora.api.receipt.Checkpoint;

/** Signed tree heads of the Merkle log. */
final class Checkpoints {

    private Checkpoints() {
    }

    static Checkpoint sign(long treeSize, byte[] root, Instant now, SigningKeyRing.Signer signer) {
        String rootHex = HexFormat.of().formatHex(root);
        String timestamp = OdrDocumentBuilder.timestamp(now);
        byte[] signature = signer.sign(message(treeSize, rootHex, timestamp, signer.keyId()));
        return new Checkpoint(treeSize, rootHex, timestamp, signer.keyId(), Ed25519.encodeSignature(signature));
    }

    /** The canonical JSON a checkpoint signature covers; {@link Checkpoint#KIND} keeps it apart from receipt signatures. */
    static byte[] message(long treeSize, String rootHash, String timestamp, String keyId) {
        ObjectNode statement = JsonDocuments.NODES.objectNode();
        statement.put("kind", Checkpoint.KIND);
        statement.put("tree_size", treeSize);
        statement.put("root_hash", rootHash);
        statement.put("timestamp", timestamp);
        statement.put("key_id", keyId);
        return CanonicalJson.bytes(statement);
    }
}
