package ai.aragora.api.receipt;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

import org.osgi.annotation.versioning.ProviderType;

import ai.aragora.api.storage.Page;

/**
 * Issues, finds, renders and verifies decision receipts. Issuing builds the ODR document from
 * the decision (conforming to the ODR schema by construction), signs it with the active key, and appends
 * it to the hash chain and the Merkle log in one step: a receipt that was returned is stored.
 */
@ProviderType
public interface ReceiptService {

    /** Issues a receipt in the configured default profile (0.2 unless configured otherwise). */
    Receipt issue(DecisionRecord decision);

    Receipt issue(DecisionRecord decision, OdrVersion version);

    /**
     * Issues a receipt in the default profile; the stage completes once the receipt is stored,
     * or exceptionally with a {@link ReceiptException}. No thread needs to wait meanwhile, so many
     * receipts can share one write to the store.
     */
    default CompletionStage<Receipt> issueAsync(DecisionRecord decision) {
        try {
            return CompletableFuture.completedFuture(issue(decision));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    Optional<Receipt> find(String receiptId);

    /** Newest first. */
    List<Receipt> list(int offset, int limit);

    long count();

    /**
     * One page of the receipts of {@code orgId}'s debates, newest first, and how many it has in
     * all; other orgs' receipts neither take places in the page nor count.
     *
     * @param orgOf a debate's org, empty when the debate is unknown (its receipts belong to no
     *        org); asked only when the store cannot tell receipts' orgs itself
     */
    Page<Receipt> list(String orgId, Function<String, Optional<String>> orgOf, int offset, int limit);

    /** @throws ReceiptException when no receipt has that id */
    ReceiptExport export(String receiptId, ExportFormat format);

    /**
     * Verifies a stored receipt against every published signing key, its chain entry and its
     * decision record.
     *
     * @throws ReceiptException when no receipt has that id
     */
    VerificationReport verify(String receiptId);
}
