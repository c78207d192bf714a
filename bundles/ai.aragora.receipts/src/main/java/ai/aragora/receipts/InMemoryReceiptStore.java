package ai.aragora.receipts;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import ai.aragora.api.receipt.ChainEntry;
import ai.aragora.api.receipt.Checkpoint;
import ai.aragora.api.receipt.Receipt;
import ai.aragora.api.receipt.ReceiptException;
import ai.aragora.api.receipt.ReceiptStore;

/**
 * The store used while no storage bundle provides one (the {@code memory} feature): everything in
 * this process's memory, gone when it stops. Bounded like the in-memory debates: the newest
 * receipts keep their documents; an older one keeps only its chain entry, as a database's receipts
 * do after retention, so the chain and the Merkle log still verify. The monitor is the sequencer
 * lock, which is enough for one process. It keeps no debates, so it cannot list one org's
 * receipts: the ledger walks them instead, asking the caller for each receipt's org, outside the
 * monitor.
 */
class InMemoryReceiptStore implements ReceiptStore {

    private final List<ChainEntry> chain = new ArrayList<>();
    /** Receipt id to its chain position (seq - 1), for every receipt ever appended. */
    private final Map<String, Integer> positions = new HashMap<>();
    /** The receipts still kept whole, oldest first. */
    private final ArrayDeque<Receipt> kept = new ArrayDeque<>();
    private final Map<String, Receipt> byId = new HashMap<>();
    private final TreeMap<Long, Checkpoint> checkpoints = new TreeMap<>();
    private final int maxKept;

    /** Keeps the newest {@code maxKept} receipts whole. */
    InMemoryReceiptStore(int maxKept) {
        this.maxKept = Math.max(1, maxKept);
    }

    @Override
    public synchronized ChainEntry append(Receipt receipt, ChainLinker linker) {
        if (positions.containsKey(receipt.receiptId())) {
            throw new ReceiptException("a receipt with id " + receipt.receiptId() + " is already stored");
        }
        long seq = chain.size() + 1L;
        String prev = chain.isEmpty() ? ChainEntry.GENESIS : chain.get(chain.size() - 1).hash();
        ChainEntry entry = linker.link(seq, prev);
        if (entry.seq() != seq || !entry.prevHash().equals(prev) || !entry.receiptId().equals(receipt.receiptId())) {
            throw new ReceiptException("the chain entry does not continue the chain at " + seq);
        }
        positions.put(receipt.receiptId(), chain.size());
        chain.add(entry);
        kept.addLast(receipt);
        byId.put(receipt.receiptId(), receipt);
        while (kept.size() > maxKept) {
            byId.remove(kept.removeFirst().receiptId());
        }
        return entry;
    }

    @Override
    public synchronized Optional<Receipt> find(String receiptId) {
        return Optional.ofNullable(byId.get(receiptId));
    }

    @Override
    public synchronized List<Receipt> list(int offset, int limit) {
        List<Receipt> page = new ArrayList<>();
        Iterator<Receipt> newestFirst = kept.descendingIterator();
        for (int skipped = 0; skipped < offset && newestFirst.hasNext(); skipped++) {
            newestFirst.next();
        }
        while (newestFirst.hasNext() && page.size() < limit) {
            page.add(newestFirst.next());
        }
        return page;
    }

    @Override
    public synchronized long count() {
        return kept.size();
    }

    @Override
    public synchronized Optional<ChainEntry> entry(String receiptId) {
        Integer at = positions.get(receiptId);
        return at == null ? Optional.empty() : Optional.of(chain.get(at));
    }

    @Override
    public synchronized List<ChainEntry> entries(long fromSeq, int limit) {
        int from = (int) Math.max(0, fromSeq - 1);
        if (from >= chain.size() || limit <= 0) {
            return List.of();
        }
        return List.copyOf(chain.subList(from, (int) Math.min(chain.size(), (long) from + limit)));
    }

    @Override
    public synchronized long size() {
        return chain.size();
    }

    @Override
    public synchronized void saveCheckpoint(Checkpoint checkpoint) {
        checkpoints.putIfAbsent(checkpoint.treeSize(), checkpoint);
    }

    @Override
    public synchronized Optional<Checkpoint> checkpoint(long treeSize) {
        return Optional.ofNullable(checkpoints.get(treeSize));
    }

    @Override
    public synchronized List<Checkpoint> checkpoints(int offset, int limit) {
        return checkpoints.descendingMap().values().stream().skip(Math.max(0, offset)).limit(Math.max(0, limit)).toList();
    }
}
