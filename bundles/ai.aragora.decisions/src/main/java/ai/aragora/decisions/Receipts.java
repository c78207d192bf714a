package ai.aragora.decisions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import ai.aragora.api.receipt.Receipt;
import ai.aragora.api.receipt.ReceiptService;

/** The signed document of a decision's receipt, read for what it states (its cruxes). */
final class Receipts {

    private Receipts() {
    }

    /** Null when there is no receipt, no receipt service, or the document cannot be read. */
    static JsonNode document(ReceiptService receipts, String receiptId) {
        if (receipts == null || receiptId == null) {
            return null;
        }
        try {
            return receipts.find(receiptId).map(Receipt::document).map(Receipts::parse).orElse(null);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static JsonNode parse(String document) {
        try {
            return StoredRequests.JSON.readTree(document);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
