package ai.aragora.storage.jdbc.ops;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import ai.aragora.api.receipt.Receipt;
import ai.aragora.storage.jdbc.Database;
import ai.aragora.storage.jdbc.statement.Sql;
import ai.aragora.storage.jdbc.store.JdbcReceiptStore;

/**
 * Receipt retention: receipts issued before the cutoff lose their documents (optionally archived
 * first as JSON lines); their chain entries stay, so the chain and the Merkle log still verify.
 */
final class ReceiptRetention {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BATCH = 500;

    private final Database db;

    ReceiptRetention(Database db) {
        this.db = db;
    }

    long expired(Instant cutoff) {
        return db.read(c -> Sql.count(c, "SELECT COUNT(*) FROM receipts WHERE issued_ns < ?", cutoff));
    }

    /** Writes every expired receipt to {@code file} (created, never overwritten) and syncs it; returns how many. */
    long archive(Instant cutoff, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        long written = 0;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW)) {
            long afterNanos = Long.MIN_VALUE;
            String afterId = "";
            while (true) {
                long fromNanos = afterNanos;
                String fromId = afterId;
                List<Receipt> batch = db.read(c -> Sql.list(c, "SELECT r.receipt_id, r.debate_id, r.version, r.issued_ns, r.odr_digest,"
                        + " r.key_id, r.document, r.decision FROM receipts r WHERE r.issued_ns < ?"
                        + " AND (r.issued_ns > ? OR (r.issued_ns = ? AND r.receipt_id > ?)) ORDER BY r.issued_ns, r.receipt_id LIMIT ?",
                        JdbcReceiptStore::receipt, cutoff, fromNanos, fromNanos, fromId, BATCH));
                for (Receipt r : batch) {
                    out.write(line(r));
                    out.newLine();
                    written++;
                }
                if (batch.size() < BATCH) {
                    break;
                }
                Receipt last = batch.get(batch.size() - 1);
                afterNanos = Sql.nanos(last.issuedAt());
                afterId = last.receiptId();
            }
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        return written;
    }

    long purge(Instant cutoff) {
        return db.writeAndWait(c -> (long) Sql.update(c, "DELETE FROM receipts WHERE issued_ns < ?", cutoff));
    }

    private static String line(Receipt r) throws IOException {
        ObjectNode node = JSON.createObjectNode();
        node.put("receipt_id", r.receiptId());
        node.put("debate_id", r.debateId());
        node.put("odr_version", r.version().wireName());
        node.put("issued_at", r.issuedAt().toString());
        node.put("odr_digest", r.odrDigest());
        node.put("key_id", r.keyId());
        node.set("document", JSON.readTree(r.document()));
        if (r.decision().isPresent()) {
            node.set("decision", JSON.readTree(r.decision().get()));
        }
        return JSON.writeValueAsString(node);
    }
}
