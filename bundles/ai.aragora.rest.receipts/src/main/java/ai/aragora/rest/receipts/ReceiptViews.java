package ai.aragora.rest.receipts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;

import ai.aragora.api.receipt.PublicSigningKey;
import ai.aragora.api.receipt.Receipt;

/** Receipts and their proofs in the API's JSON shapes. */
final class ReceiptViews {

    /** Proof records go out as they are, in the API's snake_case. */
    private final ObjectMapper mapper = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    Map<String, Object> summary(Receipt r) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("receipt_id", r.receiptId());
        view.put("debate_id", r.debateId());
        view.put("odr_version", r.version().wireName());
        view.put("issued_at", r.issuedAt().toString());
        view.put("odr_digest", r.odrDigest());
        view.put("key_id", r.keyId());
        return view;
    }

    Map<String, Object> full(Receipt r) {
        Map<String, Object> view = summary(r);
        view.put("document", json(r.document()));
        return view;
    }

    Map<String, Object> key(PublicSigningKey key) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("algorithm", key.algorithm());
        view.put("key_id", key.keyId());
        view.put("public_key_pem", key.publicKeyPem());
        view.put("active", key.active());
        return view;
    }

    JsonNode tree(Object record) {
        return mapper.valueToTree(record);
    }

    private JsonNode json(String document) {
        try {
            return mapper.readTree(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored receipt is always valid JSON", e);
        }
    }
}
