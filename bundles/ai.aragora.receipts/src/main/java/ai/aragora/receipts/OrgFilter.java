package ai.aragora.receipts;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import ai.aragora.api.receipt.Receipt;
import ai.aragora.api.storage.Page;

/** One org's page of receipts, found by walking them all: for stores that cannot tell receipts' orgs. */
final class OrgFilter {

    private static final int CHUNK = 500;

    /** The receipts newest first, {@code limit} from {@code offset}. */
    @FunctionalInterface
    interface Listing {
        List<Receipt> list(int offset, int limit);
    }

    private OrgFilter() {
    }

    static Page<Receipt> page(Listing all, String orgId, Function<String, Optional<String>> orgOf, int offset, int limit) {
        Objects.requireNonNull(orgId, "orgId");
        int from = Math.max(0, offset);
        int size = Math.max(0, limit);
        List<Receipt> items = new ArrayList<>();
        // A receipt issued during the walk pushes the older ones back, so one may come round twice.
        Set<String> seen = new HashSet<>();
        long total = 0;
        for (int at = 0; ; at += CHUNK) {
            List<Receipt> chunk = all.list(at, CHUNK);
            for (Receipt r : chunk) {
                if (seen.add(r.receiptId()) && orgOf.apply(r.debateId()).filter(orgId::equals).isPresent()) {
                    if (total >= from && items.size() < size) {
                        items.add(r);
                    }
                    total++;
                }
            }
            if (chunk.size() < CHUNK) {
                return new Page<>(items, total, from, size);
            }
        }
    }
}
