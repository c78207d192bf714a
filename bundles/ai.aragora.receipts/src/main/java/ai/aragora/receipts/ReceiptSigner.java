package ai.aragora.receipts;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import ai.aragora.api.receipt.DecisionRecord;
import ai.aragora.api.receipt.OdrVersion;
import ai.aragora.api.receipt.Receipt;
import ai.aragora.api.receipt.ReceiptStore;

/** Builds a decision's ODR document and signs it with the active key: a receipt ready to join the chain. */
final class ReceiptSigner {

    /** A signed receipt, and how it links into the chain once the store gives it a place. */
    record Signed(Receipt receipt, ReceiptStore.ChainLinker linker) {
    }

    private final SigningKeyRing keys;
    private final String issuer;
    private final Clock clock;

    ReceiptSigner(SigningKeyRing keys, String issuer, Clock clock) {
        this.keys = keys;
        this.issuer = issuer;
        this.clock = clock;
    }

    Signed sign(DecisionRecord decision, OdrVersion version) {
        SigningKeyRing.Signer signer = keys.signer();
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        String receiptId = "rcpt-" + UUID.randomUUID();
        String record = CanonicalJson.text(OdrDocumentBuilder.decision(decision));
        ObjectNode document = OdrDocumentBuilder.build(decision, receiptId, now, version, Sha256.hex(record));
        // Not validated against the schema here: DecisionRecord's invariants (non-blank text,
        // confidence in [0, 1]) are the schema's only data-dependent rules; tests hold the rest.
        CanonicalJson.Gap unsigned = OdrSignatures.unsigned(document);
        String digest = OdrSignatures.digest(unsigned);
        ArrayNode signatures = document.withArray("signatures");
        signatures.add(OdrSignatures.sign(version, digest, signer, issuer, OdrDocumentBuilder.timestamp(now)));
        Receipt receipt = new Receipt(receiptId, decision.debateId(), version, now, digest, signer.keyId(),
                unsigned.filled(signatures), Optional.of(record));
        String issuedAt = document.get("issued_at").textValue();
        return new Signed(receipt, (seq, prev) -> HashChain.link(seq, prev, receiptId, digest, issuedAt));
    }
}
