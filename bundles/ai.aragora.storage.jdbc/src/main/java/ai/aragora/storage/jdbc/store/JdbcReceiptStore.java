package ai.aragora.storage.jdbc.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import ai.aragora.api.receipt.ChainEntry;
import ai.aragora.api.receipt.Checkpoint;
import ai.aragora.api.receipt.OdrVersion;
import ai.aragora.api.receipt.Receipt;
import ai.aragora.api.receipt.ReceiptException;
import ai.aragora.api.receipt.ReceiptStore;
import ai.aragora.api.storage.Page;
import ai.aragora.storage.jdbc.Database;
import ai.aragora.storage.jdbc.StorageBackend;
import ai.aragora.storage.jdbc.StorageException;
import ai.aragora.storage.jdbc.Store;
import ai.aragora.storage.jdbc.statement.Sql;

/**
 * Receipts, their hash chain and the Merkle log's checkpoints. The sequencer is the single
 * chain-head row: {@link #append} reads it with a row lock (PostgreSQL) or under the file's
 * write lock (SQLite), so every instance sharing the database extends one linear chain.
 * Retention removes receipt documents only; chain entries stay, so the chain and the Merkle
 * log keep verifying and no checkpoint is invalidated.
 */
@Component(service = ReceiptStore.class, property = "service.ranking:Integer=100")
public class JdbcReceiptStore implements ReceiptStore {

    private static final String RECEIPT = "r.receipt_id, r.debate_id, r.version, r.issued_ns, r.odr_digest, r.key_id, r.document, r.decision";
    private static final String ENTRY = "seq, receipt_id, odr_digest, issued_at, prev_hash, hash";

    private final Database db;

    @Activate
    public JdbcReceiptStore(@Reference StorageBackend backend) {
        this(backend.database(Store.ARAGORA));
    }

    /** Outside the framework (commands, tests): the store on a database at hand. */
    public static JdbcReceiptStore on(Database db) {
        return new JdbcReceiptStore(db);
    }

    /** Private: DS would otherwise consider it when choosing the activation constructor. */
    private JdbcReceiptStore(Database db) {
        this.db = db;
    }

    @Override
    public ChainEntry append(Receipt receipt, ChainLinker linker) {
        return appendAll(List.of(receipt), List.of(linker)).get(0);
    }

    /** One transaction: the head is read and moved once for the whole batch. */
    @Override
    public List<ChainEntry> appendAll(List<Receipt> receipts, List<ChainLinker> linkers) {
        if (receipts.size() != linkers.size()) {
            throw new IllegalArgumentException(receipts.size() + " receipts but " + linkers.size() + " linkers");
        }
        if (receipts.isEmpty()) {
            return List.of();
        }
        List<Receipt> rs = List.copyOf(receipts);
        List<ChainLinker> ls = List.copyOf(linkers);
        try {
            // Urgent: each receipt's debate waits for it before its result is stored.
            return db.writeUrgentAndWait(c -> {
                long[] seq = new long[1];
                String prev = Sql.one(c, "SELECT seq, hash FROM receipt_chain_head WHERE id = 1" + db.dialect().lockRow(), head -> {
                    seq[0] = head.getLong(1);
                    return head.getString(2);
                }).orElseThrow(() -> new StorageException("the receipt chain head is missing: the aragora store is not migrated"));
                List<ChainEntry> entries = new ArrayList<>(rs.size());
                List<Object[]> receiptRows = new ArrayList<>(rs.size());
                List<Object[]> entryRows = new ArrayList<>(rs.size());
                for (int i = 0; i < rs.size(); i++) {
                    Receipt receipt = rs.get(i);
                    long next = seq[0] + 1 + i;
                    ChainEntry entry = ls.get(i).link(next, prev);
                    if (entry.seq() != next || !entry.prevHash().equals(prev) || !entry.receiptId().equals(receipt.receiptId())) {
                        throw new ReceiptException("the chain entry does not continue the chain at " + next);
                    }
                    entries.add(entry);
                    prev = entry.hash();
                    receiptRows.add(new Object[] {receipt.receiptId(), receipt.debateId(), receipt.version().wireName(),
                            receipt.issuedAt(), receipt.odrDigest(), receipt.keyId(), receipt.document(), receipt.decision().orElse(null)});
                    entryRows.add(new Object[] {entry.seq(), entry.receiptId(), entry.odrDigest(), entry.issuedAt(),
                            entry.prevHash(), entry.hash()});
                }
                // The primary key refuses a second receipt with the same id: no lookup first.
                try {
                    Sql.batch(c, "INSERT INTO receipts (receipt_id, debate_id, version, issued_ns, odr_digest, key_id, document, decision)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", receiptRows);
                } catch (SQLException e) {
                    if (Sql.isDuplicate(e)) {
                        throw new ReceiptException(rs.size() == 1 ? "a receipt with id " + rs.get(0).receiptId() + " is already stored"
                                : "one of " + rs.size() + " receipts has an id that is already stored");
                    }
                    throw e;
                }
                Sql.batch(c, "INSERT INTO receipt_chain (" + ENTRY + ") VALUES (?, ?, ?, ?, ?, ?)", entryRows);
                ChainEntry last = entries.get(entries.size() - 1);
                Sql.update(c, "UPDATE receipt_chain_head SET seq = ?, hash = ? WHERE id = 1", last.seq(), last.hash());
                return entries;
            });
        } catch (ReceiptException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ReceiptException("the receipt could not be stored: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<Receipt> find(String receiptId) {
        return db.read(c -> Sql.one(c, "SELECT " + RECEIPT + " FROM receipts r WHERE r.receipt_id = ?", JdbcReceiptStore::receipt, receiptId));
    }

    @Override
    public List<Receipt> list(int offset, int limit) {
        return db.read(c -> Sql.list(c, "SELECT " + RECEIPT + " FROM receipts r JOIN receipt_chain e ON e.receipt_id = r.receipt_id"
                + " ORDER BY e.seq DESC LIMIT ? OFFSET ?", JdbcReceiptStore::receipt, Math.max(0, limit), Math.max(0, offset)));
    }

    @Override
    public long count() {
        return db.read(c -> Sql.count(c, "SELECT COUNT(*) FROM receipts"));
    }

    /** The debates are in this database: their org is joined here, so the page and the total are counted by it. */
    @Override
    public Optional<Page<Receipt>> list(String orgId, int offset, int limit) {
        int from = Math.max(0, offset);
        int size = Math.max(0, limit);
        return Optional.of(db.read(c -> new Page<>(Sql.list(c, "SELECT " + RECEIPT + " FROM receipts r JOIN debates d ON d.id = r.debate_id"
                + " JOIN receipt_chain e ON e.receipt_id = r.receipt_id WHERE d.org_id = ? ORDER BY e.seq DESC LIMIT ? OFFSET ?",
                JdbcReceiptStore::receipt, orgId, size, from),
                Sql.count(c, "SELECT COUNT(*) FROM receipts r JOIN debates d ON d.id = r.debate_id WHERE d.org_id = ?", orgId),
                from, size)));
    }

    @Override
    public Optional<ChainEntry> entry(String receiptId) {
        return db.read(c -> Sql.one(c, "SELECT " + ENTRY + " FROM receipt_chain WHERE receipt_id = ?", JdbcReceiptStore::entry, receiptId));
    }

    @Override
    public List<ChainEntry> entries(long fromSeq, int limit) {
        return db.read(c -> entries(c, fromSeq, limit));
    }

    static List<ChainEntry> entries(Connection c, long fromSeq, int limit) throws SQLException {
        return Sql.list(c, "SELECT " + ENTRY + " FROM receipt_chain WHERE seq >= ? ORDER BY seq LIMIT ?", JdbcReceiptStore::entry,
                fromSeq, Math.max(0, limit));
    }

    @Override
    public long size() {
        return db.read(c -> Sql.one(c, "SELECT seq FROM receipt_chain_head WHERE id = 1", rs -> rs.getLong(1)).orElse(0L));
    }

    @Override
    public void saveCheckpoint(Checkpoint checkpoint) {
        db.writeAndWait(c -> Sql.update(c, "INSERT INTO receipt_checkpoints (tree_size, root_hash, ts, key_id, signature)"
                + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (tree_size) DO NOTHING", checkpoint.treeSize(), checkpoint.rootHash(),
                checkpoint.timestamp(), checkpoint.keyId(), checkpoint.signature()));
    }

    @Override
    public Optional<Checkpoint> checkpoint(long treeSize) {
        return db.read(c -> Sql.one(c, "SELECT tree_size, root_hash, ts, key_id, signature FROM receipt_checkpoints WHERE tree_size = ?",
                JdbcReceiptStore::checkpoint, treeSize));
    }

    @Override
    public List<Checkpoint> checkpoints(int offset, int limit) {
        return db.read(c -> Sql.list(c, "SELECT tree_size, root_hash, ts, key_id, signature FROM receipt_checkpoints"
                + " ORDER BY tree_size DESC LIMIT ? OFFSET ?", JdbcReceiptStore::checkpoint, Math.max(0, limit), Math.max(0, offset)));
    }

    public static Receipt receipt(ResultSet rs) throws SQLException {
        String version = rs.getString(3);
        return new Receipt(rs.getString(1), rs.getString(2), OdrVersion.fromWireName(version)
                .orElseThrow(() -> new StorageException("a stored receipt has the unknown ODR version " + version)),
                Sql.instant(rs.getLong(4)), rs.getString(5), rs.getString(6), rs.getString(7), Optional.ofNullable(rs.getString(8)));
    }

    private static ChainEntry entry(ResultSet rs) throws SQLException {
        return new ChainEntry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6));
    }

    private static Checkpoint checkpoint(ResultSet rs) throws SQLException {
        return new Checkpoint(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5));
    }
}
