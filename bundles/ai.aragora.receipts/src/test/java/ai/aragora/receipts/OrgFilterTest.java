package ai.aragora.receipts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import ai.aragora.api.receipt.OdrVersion;
import ai.aragora.api.receipt.Receipt;
import ai.aragora.api.storage.Page;

class OrgFilterTest {

    /** Oldest first, as appended; listed newest first. */
    private final List<Receipt> stored = new ArrayList<>();

    private static Receipt receipt(String id, String debateId) {
        return new Receipt(id, debateId, OdrVersion.V0_2, Instant.EPOCH, "digest", "ed25519-0123456789abcdef", "{}", Optional.empty());
    }

    private List<Receipt> newestFirst(int offset, int limit) {
        List<Receipt> page = new ArrayList<>();
        for (int i = stored.size() - 1 - offset; i >= 0 && page.size() < limit; i--) {
            page.add(stored.get(i));
        }
        return page;
    }

    /** Debates {@code a-*} are org-a's, {@code b-*} org-b's; any other debate is unknown. */
    private static final Function<String, Optional<String>> ORG_OF = debate -> debate.startsWith("a-") ? Optional.of("org-a")
            : debate.startsWith("b-") ? Optional.of("org-b") : Optional.empty();

    @Test
    void pagesAreFullOfOneOrgsReceiptsAndTheTotalIsItsOwnAcrossChunks() {
        // More than one chunk: two of org-b's receipts to each of org-a's, and one of an unknown debate.
        for (int i = 0; i < 700; i++) {
            stored.add(receipt("ra-" + i, "a-" + i));
            stored.add(receipt("rb-" + (2 * i), "b-" + i));
            stored.add(receipt("rb-" + (2 * i + 1), "b-" + i));
            stored.add(receipt("rx-" + i, "gone-" + i));
        }

        Page<Receipt> a = OrgFilter.page(this::newestFirst, "org-a", ORG_OF, 3, 4);
        assertThat(a.items()).extracting(Receipt::receiptId).containsExactly("ra-696", "ra-695", "ra-694", "ra-693");
        assertThat(a.total()).isEqualTo(700);
        assertThat(a.hasMore()).isTrue();
        assertThat(OrgFilter.page(this::newestFirst, "org-b", ORG_OF, 1398, 10).items()).extracting(Receipt::receiptId)
                .containsExactly("rb-1", "rb-0");
        assertThat(OrgFilter.page(this::newestFirst, "org-b", ORG_OF, 0, 1).total()).isEqualTo(1400);
        assertThat(OrgFilter.page(this::newestFirst, "org-c", ORG_OF, 0, 10)).satisfies(p -> {
            assertThat(p.items()).isEmpty();
            assertThat(p.total()).isZero();
        });
    }

    @Test
    void aReceiptIssuedDuringTheWalkDoesNotCountAnotherTwice() {
        for (int i = 0; i < 600; i++) {
            stored.add(receipt("ra-" + i, "a-" + i));
        }
        boolean[] issued = {false};
        OrgFilter.Listing appendingMeanwhile = (offset, limit) -> {
            List<Receipt> page = newestFirst(offset, limit);
            if (!issued[0]) {
                issued[0] = true;
                stored.add(receipt("ra-new", "a-new"));
            }
            return page;
        };

        Page<Receipt> page = OrgFilter.page(appendingMeanwhile, "org-a", ORG_OF, 0, 1000);
        assertThat(page.total()).isEqualTo(600);
        assertThat(page.items()).extracting(Receipt::receiptId).doesNotHaveDuplicates().doesNotContain("ra-new").hasSize(600);
    }
}
