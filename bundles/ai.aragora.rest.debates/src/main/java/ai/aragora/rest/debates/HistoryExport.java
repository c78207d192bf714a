package ai.aragora.rest.debates;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.ws.rs.core.StreamingOutput;

import com.fasterxml.jackson.databind.ObjectMapper;

import ai.aragora.api.debate.DebateStatus;
import ai.aragora.api.storage.DebateRecord;
import ai.aragora.api.storage.DebateStore;
import ai.aragora.api.storage.Page;
import ai.aragora.wire.DebateWire;

/**
 * An org's whole debate history as one streamed download, newest first: a JSON array of debate
 * summaries or CSV with the same columns. Pages are read from the store as the client takes
 * them, so the size of the history never sits in memory. Debates created after the export began
 * are left out, and a debate that a concurrent insert pushed onto the next page is written once.
 */
final class HistoryExport implements StreamingOutput {

    static final int PAGE = 100;
    static final List<String> COLUMNS = List.of("id", "task", "status", "created_at", "updated_at", "round_count", "agent_count",
            "has_consensus");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DebateStore store;
    private final String orgId;
    private final DebateStatus status;
    private final Instant since;
    private final Instant until;
    private final boolean csv;

    /** @param orgId null for every org (the server admin) */
    HistoryExport(DebateStore store, String orgId, DebateStatus status, Instant since, Instant until, boolean csv) {
        this.store = store;
        this.orgId = orgId;
        this.status = status;
        this.since = since;
        this.until = until;
        this.csv = csv;
    }

    @Override
    public void write(OutputStream output) throws IOException {
        Writer out = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8), 1 << 16);
        Instant end = until == null ? Instant.now() : until;
        out.write(csv ? String.join(",", COLUMNS) + "\r\n" : "[");
        boolean first = true;
        Set<String> previousPage = Set.of();
        for (int offset = 0;; offset += PAGE) {
            Page<DebateRecord> page = store.list(orgId, status, offset, PAGE);
            Set<String> thisPage = new HashSet<>();
            for (DebateRecord r : page.items()) {
                thisPage.add(r.id());
                if (previousPage.contains(r.id()) || r.createdAt().isAfter(end) || since != null && r.createdAt().isBefore(since)) {
                    continue;
                }
                Map<String, Object> row = DebateWire.summary(r);
                if (csv) {
                    out.write(csvLine(row));
                } else {
                    out.write(first ? "\n" : ",\n");
                    out.write(JSON.writeValueAsString(row));
                }
                first = false;
            }
            boolean older = !page.items().isEmpty() && since != null
                    && page.items().get(page.items().size() - 1).createdAt().isBefore(since);
            if (page.items().size() < PAGE || older) {
                break;
            }
            previousPage = thisPage;
        }
        out.write(csv ? "" : "\n]\n");
        out.flush();
    }

    private static String csvLine(Map<String, Object> row) {
        StringBuilder sb = new StringBuilder();
        for (String column : COLUMNS) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            Object v = row.get(column);
            sb.append(v instanceof String s ? DebateExports.cell(s) : String.valueOf(v));
        }
        return sb.append("\r\n").toString();
    }
}
