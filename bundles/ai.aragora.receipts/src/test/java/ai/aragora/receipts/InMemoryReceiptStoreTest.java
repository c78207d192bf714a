package ai.aragora.receipts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aragora.api.receipt.ChainEntry;
import ai.aragora.api.receipt.OdrVersion;
import ai.aragora.api.receipt.Receipt;
import ai.aragora.api.receipt.ReceiptException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InMemoryReceiptStoreTest {

    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

    private static Receipt receipt(int i) {
        return new Receipt("r" + i, "d" + i, OdrVersion.V0_2, T0.plusSeconds(i), "digest" + i, "key", "{\"n\":" + i + "}",
                Optional.empty());
    }

    private static ChainEntry append(InMemoryReceiptStore store, int i) {
        return store.append(receipt(i), (seq, prev) -> new ChainEntry(seq, "r" + i, "digest" + i, T0.toString(), prev, "hash" + i));
    }

    @Test
    void keepsTheNewestDocumentsAndEveryChainEntry() {
        InMemoryReceiptStore store = new InMemoryReceiptStore(2);
        for (int i = 1; i <= 5; i++) {
            append(store, i);
        }
        assertThat(store.find("r1")).isEmpty();
        assertThat(store.find("r3")).isEmpty();
        assertThat(store.find("r4")).map(Receipt::document).contains("{\"n\":4}");
        assertThat(store.list(0, 10)).extracting(Receipt::receiptId).containsExactly("r5", "r4");
        assertThat(store.list(1, 10)).extracting(Receipt::receiptId).containsExactly("r4");
        assertThat(store.count()).isEqualTo(2);

        assertThat(store.size()).isEqualTo(5);
        assertThat(store.entry("r1")).map(ChainEntry::prevHash).contains(ChainEntry.GENESIS);
        List<ChainEntry> chain = store.entries(1, 10);
        assertThat(chain).extracting(ChainEntry::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
        for (int i = 1; i < chain.size(); i++) {
            assertThat(chain.get(i).prevHash()).isEqualTo(chain.get(i - 1).hash());
        }
    }

    @Test
    void refusesAReceiptIdTwiceEvenAfterItsDocumentWasDropped() {
        InMemoryReceiptStore store = new InMemoryReceiptStore(1);
        append(store, 1);
        append(store, 2);
        assertThatThrownBy(() -> append(store, 1)).isInstanceOf(ReceiptException.class).hasMessageContaining("r1");
        assertThat(store.size()).isEqualTo(2);
    }

    @Test
    void refusesAnEntryThatDoesNotContinueTheChain() {
        InMemoryReceiptStore store = new InMemoryReceiptStore(10);
        append(store, 1);
        assertThatThrownBy(() -> store.append(receipt(2), (seq, prev) -> new ChainEntry(seq, "r2", "d", "t", "elsewhere", "h")))
                .isInstanceOf(ReceiptException.class).hasMessageContaining("does not continue");
        assertThat(store.size()).isEqualTo(1);
        assertThat(store.find("r2")).isEmpty();
    }
}
