package ai.aragora.receipts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import ai.aragora.api.receipt.ChainEntry;
import ai.aragora.api.receipt.ChainVerification;
import ai.aragora.api.receipt.VerificationReport.Check;
import ai.aragora.api.receipt.VerificationReport.Status;

class HashChainTest {

    private static List<ChainEntry> chain(int n) {
        List<ChainEntry> entries = new ArrayList<>();
        String prev = ChainEntry.GENESIS;
        for (int i = 1; i <= n; i++) {
            ChainEntry e = HashChain.link(i, prev, "r-" + i, digest(i), "2026-11-22T10:00:0" + (i % 10) + "+00:00");
            entries.add(e);
            prev = e.hash();
        }
        return entries;
    }

    private static String digest(int i) {
        return Sha256.hex("receipt " + i);
    }

    @Test
    void theHashIsSha256OfTheCanonicalEntryWithoutIt() {
        ChainEntry e = chain(1).get(0);
        ObjectNode content = HashChain.json(e);
        content.remove("hash");
        assertThat(e.hash()).isEqualTo(Sha256.hex(CanonicalJson.bytes(content)));
        assertThat(CanonicalJson.text(HashChain.json(e))).isEqualTo("{\"hash\":\"" + e.hash() + "\",\"issued_at\":\"" + e.issuedAt()
                + "\",\"odr_digest\":\"" + e.odrDigest() + "\",\"prev_hash\":\"" + ChainEntry.GENESIS + "\",\"receipt_id\":\"r-1\",\"seq\":1}");
    }

    @Test
    void anIntactChainPasses() {
        Check check = HashChain.verify(HashChain.parseJsonl(HashChain.jsonl(chain(5))), digest(3));
        assertThat(check.status()).isEqualTo(Status.PASS);
    }

    @Test
    void aReorderedChainFails() {
        List<ChainEntry> entries = chain(5);
        Collections.swap(entries, 1, 2);
        Check check = HashChain.verify(HashChain.parseJsonl(HashChain.jsonl(entries)), digest(3));
        assertThat(check.status()).isEqualTo(Status.FAIL);
        assertThat(check.detail()).contains("linkage").contains("reordered");
    }

    @Test
    void aDroppedEntryFails() {
        List<ChainEntry> entries = chain(5);
        entries.remove(3);
        assertThat(HashChain.verify(HashChain.parseJsonl(HashChain.jsonl(entries)), digest(3)).status()).isEqualTo(Status.FAIL);
    }

    /** Rewriting an entry and relinking its successor is caught by recomputing the hashes. */
    @Test
    void aRewrittenEntryFailsEvenWithItsLinksPatched() {
        List<JsonNode> entries = HashChain.parseJsonl(HashChain.jsonl(chain(3)));
        ((ObjectNode) entries.get(1)).put("odr_digest", digest(99));
        Check check = HashChain.verify(entries, digest(99));
        assertThat(check.status()).isEqualTo(Status.FAIL);
        assertThat(check.detail()).contains("entry[1].hash does not match its content");
    }

    @Test
    void aReceiptNotInTheChainIsNotAnchored() {
        Check check = HashChain.verify(HashChain.parseJsonl(HashChain.jsonl(chain(3))), digest(4));
        assertThat(check.status()).isEqualTo(Status.FAIL);
        assertThat(check.detail()).contains("not anchored");
    }

    /** A store holding exactly these entries, as {@code aragora integrity-check} reads them. */
    private static InMemoryReceiptStore stored(List<ChainEntry> entries) {
        return new InMemoryReceiptStore(1) {
            @Override
            public long size() {
                return entries.size();
            }

            @Override
            public List<ChainEntry> entries(long fromSeq, int limit) {
                int from = (int) Math.min(entries.size(), fromSeq - 1);
                return List.copyOf(entries.subList(from, Math.min(entries.size(), from + limit)));
            }
        };
    }

    @Test
    void aStoredChainThatHoldsPassesEntryByEntry() {
        ChainVerification v = new OdrReceiptVerifier().verifyChain(stored(chain(2500)));
        assertThat(v.ok()).as(String.join("; ", v.problems())).isTrue();
        assertThat(v.entries()).isEqualTo(2500);
    }

    @Test
    void aStoredEntryRewrittenWithItsLinksIntactIsCaught() {
        List<ChainEntry> entries = chain(3);
        ChainEntry e = entries.get(1);
        entries.set(1, new ChainEntry(e.seq(), e.receiptId(), digest(99), e.issuedAt(), e.prevHash(), e.hash()));
        ChainVerification v = HashChain.verify(stored(entries));
        assertThat(v.ok()).isFalse();
        assertThat(v.problems()).containsExactly("entry 2 (r-2) was altered: its hash does not match its content");
    }

    @Test
    void aStoredChainWithABrokenLinkIsCaught() {
        List<ChainEntry> entries = chain(3);
        entries.set(2, HashChain.link(3, digest(7), "r-3", digest(3), entries.get(2).issuedAt()));
        assertThat(HashChain.verify(stored(entries)).problems()).containsExactly("entry 3 does not link to the entry before it");
    }
}
