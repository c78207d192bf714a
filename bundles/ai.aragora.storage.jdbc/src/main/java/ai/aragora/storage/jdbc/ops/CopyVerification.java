package ai.aragora.storage.jdbc.ops;

import java.io.PrintStream;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import ai.aragora.api.receipt.ChainVerification;
import ai.aragora.api.receipt.ReceiptVerifier;
import ai.aragora.api.storage.DebateStore;
import ai.aragora.storage.jdbc.StorageBackend;
import ai.aragora.storage.jdbc.Store;
import ai.aragora.storage.jdbc.statement.Sql;
import ai.aragora.storage.jdbc.store.JdbcDebateStore;
import ai.aragora.storage.jdbc.store.JdbcReceiptStore;

/**
 * Checks a finished copy: every table holds as many rows in the target as in the source, the
 * receipt chain verifies entry by entry on the target, and a sample of debates, read back through
 * the debate store on both sides, agree field by field (record, result, transcript, events).
 */
final class CopyVerification {

    private static final int PAGE = 1000;

    private final StorageBackend source;
    private final StorageBackend target;
    private final ReceiptVerifier verifier;
    private final PrintStream out;
    private final List<String> problems = new ArrayList<>();

    CopyVerification(StorageBackend source, StorageBackend target, ReceiptVerifier verifier, PrintStream out) {
        this.source = source;
        this.target = target;
        this.verifier = verifier;
        this.out = out;
    }

    /** @return the problems found, none when the copy holds */
    List<String> verify(List<StoreCopy.Table> tables, int sample) {
        counts(tables);
        chain();
        debates(sample);
        return List.copyOf(problems);
    }

    private void counts(List<StoreCopy.Table> tables) {
        for (StoreCopy.Table t : tables) {
            String sql = "SELECT COUNT(*) FROM " + t.name();
            long from = source.database(t.store()).read(c -> Sql.count(c, sql));
            long to = target.database(t.store()).read(c -> Sql.count(c, sql));
            report(from == to, "rows " + t.store().id() + "." + t.name() + ": " + from + " in the source, " + to + " in the target");
        }
    }

    private void chain() {
        ChainVerification onTarget = verifier.verifyChain(JdbcReceiptStore.on(target.database(Store.ARAGORA)));
        long sourceSize = JdbcReceiptStore.on(source.database(Store.ARAGORA)).size();
        report(onTarget.ok() && onTarget.entries() == sourceSize, "receipt chain on the target: " + onTarget.entries()
                + " entries (source " + sourceSize + ")" + (onTarget.ok() ? ", linked and hashed correctly" : ""));
        onTarget.problems().stream().limit(10).forEach(p -> problems.add("receipt chain: " + p));
    }

    private void debates(int sample) {
        long total = source.database(Store.ARAGORA).read(c -> Sql.count(c, "SELECT COUNT(*) FROM debates"));
        if (total == 0 || sample == 0) {
            report(true, "debates compared: none to compare");
            return;
        }
        DebateStore from = JdbcDebateStore.on(source.database(Store.ARAGORA));
        DebateStore to = JdbcDebateStore.on(target.database(Store.ARAGORA));
        int n = (int) Math.min(sample, total);
        int differing = 0;
        for (int i = 0; i < n; i++) {
            long offset = total * i / n;
            String id = source.database(Store.ARAGORA).read(c -> Sql.one(c, "SELECT id FROM debates ORDER BY id LIMIT 1 OFFSET ?",
                    rs -> rs.getString(1), offset)).orElseThrow();
            List<String> diff = new ArrayList<>();
            compare("record", from.find(id), to.find(id), diff);
            compare("result", from.result(id), to.result(id), diff);
            compare("messages", from.messages(id, 0, PAGE).items(), to.messages(id, 0, PAGE).items(), diff);
            compare("events", from.events(id, 0, PAGE), to.events(id, 0, PAGE), diff);
            if (!diff.isEmpty()) {
                differing++;
                problems.add("debate " + id + " differs in " + String.join(", ", diff));
            }
        }
        report(differing == 0, "debates compared field by field: " + n + " of " + total + (differing == 0 ? ", all equal" : ", " + differing + " differ"));
    }

    /** Names the differing fields of records (one level down), or the value as a whole. */
    private static void compare(String what, Object a, Object b, List<String> diff) {
        Object x = a instanceof Optional<?> o ? o.orElse(null) : a;
        Object y = b instanceof Optional<?> o ? o.orElse(null) : b;
        if (Objects.equals(x, y)) {
            return;
        }
        if (x != null && y != null && x.getClass().isRecord() && x.getClass() == y.getClass()) {
            for (RecordComponent rc : x.getClass().getRecordComponents()) {
                try {
                    if (!Objects.equals(rc.getAccessor().invoke(x), rc.getAccessor().invoke(y))) {
                        diff.add(what + "." + rc.getName());
                    }
                } catch (ReflectiveOperationException e) {
                    diff.add(what + "." + rc.getName() + " (unreadable)");
                }
            }
            return;
        }
        diff.add(what);
    }

    private void report(boolean ok, String line) {
        out.println((ok ? "[PASS] " : "[FAIL] ") + line);
        if (!ok) {
            problems.add(line);
        }
    }
}
