package ai.aragora.storage.jdbc.ops;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import ai.aragora.api.receipt.ChainEntry;
import ai.aragora.api.receipt.ReceiptStore;

/**
 * Walks the stored receipt chain: sequence numbers without gaps, each {@code prev_hash} equal to
 * the previous entry's {@code hash}, and each {@code hash} recomputed as SHA-256 of the RFC 8785
 * canonical JSON of the entry's other five members. The entry has only strings and one integer,
 * so canonical form is fixed member order (sorted names) and JSON string escaping.
 */
final class ReceiptChainCheck {

    private static final int BATCH = 1000;
    private static final int MAX_PROBLEMS = 20;

    private ReceiptChainCheck() {
    }

    /** @return what is wrong, empty when the chain holds */
    static List<String> verify(ReceiptStore store, long[] checked) {
        List<String> problems = new ArrayList<>();
        String prev = ChainEntry.GENESIS;
        long expected = 1;
        long size = store.size();
        while (expected <= size && problems.size() < MAX_PROBLEMS) {
            List<ChainEntry> batch = store.entries(expected, BATCH);
            if (batch.isEmpty()) {
                problems.add("the chain head says " + size + " entries but entry " + expected + " is missing");
                break;
            }
            for (ChainEntry e : batch) {
                if (e.seq() != expected) {
                    problems.add("entry " + expected + " is missing (found " + e.seq() + ")");
                }
                if (!e.prevHash().equals(prev)) {
                    problems.add("entry " + e.seq() + " does not link to the entry before it");
                }
                if (!hash(e).equals(e.hash())) {
                    problems.add("entry " + e.seq() + " (" + e.receiptId() + ") was altered: its hash does not match its content");
                }
                prev = e.hash();
                expected = e.seq() + 1;
                checked[0]++;
            }
        }
        return problems;
    }

    static String hash(ChainEntry e) {
        String canonical = "{\"issued_at\":" + string(e.issuedAt()) + ",\"odr_digest\":" + string(e.odrDigest())
                + ",\"prev_hash\":" + string(e.prevHash()) + ",\"receipt_id\":" + string(e.receiptId())
                + ",\"seq\":" + e.seq() + "}";
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is part of every JDK", ex);
        }
    }

    private static String string(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (ch < 0x20) {
                        out.append(String.format("\\u%04x", (int) ch));
                    } else {
                        out.append(ch);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
