package ai.aragora.receipts;

import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import ai.aragora.api.receipt.OdrVersion;

/**
 * What an ODR signature covers. The document's {@code odr_version} chooses, never the entry's
 * shape: 0.1 signs the 32 raw digest bytes; 0.2 signs the canonical
 * {@code {"odr_digest", "odr_signature_input": "0.2", "protected"}} where {@code protected} is the
 * signature entry without {@code signature}, so issuer, role and times are signer-committed.
 */
final class OdrSignatures {

    static final String SIGNATURE_INPUT_V02 = "0.2";

    private OdrSignatures() {
    }

    /** SHA-256 hex of the canonical document without {@code signatures}. */
    static String digest(ObjectNode document) {
        return digest(unsigned(document));
    }

    /** The canonical document without {@code signatures}: what the digest covers. */
    static CanonicalJson.Gap unsigned(ObjectNode document) {
        return CanonicalJson.without(document, "signatures");
    }

    static String digest(CanonicalJson.Gap unsigned) {
        return unsigned.sha256();
    }

    /** @param entry the signature entry; its {@code signature} member, if any, is left out */
    static byte[] message(String odrVersion, String digestHex, JsonNode entry) {
        if (OdrVersion.V0_1.wireName().equals(odrVersion)) {
            return java.util.HexFormat.of().parseHex(digestHex);
        }
        ObjectNode envelope = JsonDocuments.NODES.objectNode();
        envelope.put("odr_digest", digestHex);
        envelope.put("odr_signature_input", SIGNATURE_INPUT_V02);
        envelope.set("protected", protectedPart(entry));
        return CanonicalJson.bytes(envelope);
    }

    static ObjectNode protectedPart(JsonNode entry) {
        ObjectNode part = JsonDocuments.NODES.objectNode();
        Iterator<Map.Entry<String, JsonNode>> members = entry.fields();
        while (members.hasNext()) {
            Map.Entry<String, JsonNode> m = members.next();
            if (!m.getKey().equals("signature")) {
                part.set(m.getKey(), m.getValue());
            }
        }
        return part;
    }

    /**
     * Signs a document's digest. A 0.1 entry is {@code {alg, key_id, signature}} (0.1 cannot
     * commit metadata, so none is written); a 0.2 entry adds issuer, role {@code emitter} and
     * {@code signed_at}.
     */
    static ObjectNode sign(OdrVersion version, String digestHex, SigningKeyRing.Signer signer, String issuer, String signedAt) {
        ObjectNode entry = JsonDocuments.NODES.objectNode();
        entry.put("alg", Ed25519.ALGORITHM);
        entry.put("key_id", signer.keyId());
        if (version == OdrVersion.V0_2) {
            entry.put("issuer", issuer);
            entry.put("role", "emitter");
            entry.put("signed_at", signedAt);
        }
        byte[] signature = signer.sign(message(version.wireName(), digestHex, entry));
        entry.put("signature", Ed25519.encodeSignature(signature));
        return entry;
    }
}
