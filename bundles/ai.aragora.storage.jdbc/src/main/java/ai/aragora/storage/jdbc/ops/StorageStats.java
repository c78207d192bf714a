package ai.aragora.storage.jdbc.ops;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import ai.aragora.api.ops.AdminStats;
import ai.aragora.storage.jdbc.Database;
import ai.aragora.storage.jdbc.Dialect;
import ai.aragora.storage.jdbc.StorageBackend;
import ai.aragora.storage.jdbc.Store;
import ai.aragora.storage.jdbc.statement.Sql;

/**
 * The stores' part of {@code /api/admin/stats}: users and orgs, debates by status, the job
 * queue by status, and how large each store is. Counts run on every request: they are index or
 * table scans a few thousand rows long, and the endpoint is for operators, not for traffic.
 */
@Component
public class StorageStats implements AdminStats {

    private final StorageBackend backend;

    @Activate
    public StorageStats(@Reference StorageBackend backend) {
        this.backend = backend;
    }

    @Override
    public Map<String, Object> stats() {
        Map<String, Object> out = new LinkedHashMap<>();
        Database users = backend.database(Store.USERS);
        out.put("total_users", users.read(c -> Sql.count(c, "SELECT COUNT(*) FROM users")));
        out.put("total_organizations", users.read(c -> Sql.count(c, "SELECT COUNT(DISTINCT org_id) FROM users")));
        Map<String, Long> debates = byStatus(backend.database(Store.ARAGORA), "debates");
        out.put("total_debates", debates.values().stream().mapToLong(Long::longValue).sum());
        out.put("debates_by_status", debates);
        Map<String, Long> jobs = byStatus(backend.database(Store.JOB_QUEUE), "jobs");
        out.put("queue_depth", jobs.getOrDefault("pending", 0L));
        out.put("jobs_by_status", jobs);
        Map<String, Object> storage = new LinkedHashMap<>();
        storage.put("backend", backend.name());
        storage.put("size_bytes", sizes());
        out.put("storage", storage);
        return out;
    }

    static Map<String, Long> byStatus(Database db, String table) {
        return db.read(c -> {
            Map<String, Long> counts = new LinkedHashMap<>();
            for (Object[] row : Sql.list(c, "SELECT status, COUNT(*) FROM " + table + " GROUP BY status ORDER BY status",
                    rs -> new Object[] {rs.getString(1), rs.getLong(2)})) {
                counts.merge(((String) row[0]).toLowerCase(java.util.Locale.ROOT), (Long) row[1], Long::sum);
            }
            return counts;
        });
    }

    /** SQLite: each store's file; PostgreSQL: the one database every store shares. */
    Map<String, Long> sizes() {
        Map<String, Long> sizes = new LinkedHashMap<>();
        for (Store store : Store.values()) {
            Database db = backend.database(store);
            if (db.dialect() == Dialect.POSTGRES) {
                sizes.put("database", db.read(c -> Sql.count(c, "SELECT pg_database_size(current_database())")));
                break;
            }
            List<Long> pages = db.read(c -> List.of(Sql.count(c, "PRAGMA page_count"), Sql.count(c, "PRAGMA page_size")));
            sizes.put(store.id(), pages.get(0) * pages.get(1));
        }
        return sizes;
    }
}
