package ai.aragora.storage.jdbc.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import ai.aragora.api.storage.Job;
import ai.aragora.api.storage.JobQueue;
import ai.aragora.api.storage.JobRequest;
import ai.aragora.api.storage.JobStatus;
import ai.aragora.api.storage.Page;
import ai.aragora.storage.jdbc.Database;
import ai.aragora.storage.jdbc.StorageBackend;
import ai.aragora.storage.jdbc.Store;
import ai.aragora.storage.jdbc.statement.Sql;

/**
 * The job queue. Claiming selects due jobs with {@code FOR UPDATE SKIP LOCKED} on PostgreSQL
 * (several instances claim concurrently, each job once) and under the file's write lock on
 * SQLite; completion and failure check the claiming worker and its attempt, so a worker whose
 * lease ran out and was re-claimed cannot overwrite the newer outcome.
 */
@Component(service = JobQueue.class, property = "service.ranking:Integer=100")
public class JdbcJobQueue implements JobQueue {

    private static final String COLUMNS = "id, queue, type, payload, status, priority, attempts, max_attempts, run_ns, lease_ns,"
            + " worker, last_error, created_ns, updated_ns";
    private static final int MAX_ERROR = 2000;
    private static final int RENEW_BATCH = 500;

    private final Database db;

    @Activate
    public JdbcJobQueue(@Reference StorageBackend backend) {
        this.db = backend.database(Store.JOB_QUEUE);
    }

    /** Private: DS would otherwise consider it when choosing the activation constructor (it did, and failed). */
    private JdbcJobQueue(Database db) {
        this.db = db;
    }

    /** Outside the framework (commands, tests): the queue on a database at hand. */
    public static JdbcJobQueue on(Database db) {
        return new JdbcJobQueue(db);
    }

    @Override
    public CompletionStage<String> enqueue(JobRequest request) {
        String id = "job-" + UUID.randomUUID();
        Instant now = Instant.now();
        Instant runAt = request.runAt() == null ? now : request.runAt();
        return db.write(c -> {
            Sql.update(c, "INSERT INTO jobs (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, NULL, NULL, NULL, ?, ?)",
                    id, request.queue(), request.type(), request.payload(), JobStatus.PENDING, request.priority(),
                    request.maxAttempts(), runAt, now, now);
            return id;
        });
    }

    @Override
    public CompletionStage<Boolean> hold(String jobId, JobRequest request, String worker, Duration lease) {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(worker, "worker");
        Instant now = Instant.now();
        return db.write(c -> Sql.update(c, "INSERT INTO jobs (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, NULL, ?, ?)"
                + " ON CONFLICT (id) DO NOTHING", jobId, request.queue(), request.type(), request.payload(), JobStatus.RUNNING,
                request.priority(), request.maxAttempts(), now, now.plus(lease), worker, now, now) == 1);
    }

    @Override
    public Set<String> renew(String worker, Collection<String> jobIds, Duration lease) {
        Objects.requireNonNull(worker, "worker");
        if (jobIds.isEmpty()) {
            return Set.of();
        }
        List<String> all = List.copyOf(jobIds);
        return db.writeAndWait(c -> {
            Instant now = Instant.now();
            Set<String> renewed = new HashSet<>();
            for (int from = 0; from < all.size(); from += RENEW_BATCH) {
                List<String> part = all.subList(from, Math.min(all.size(), from + RENEW_BATCH));
                String in = " AND id IN (" + String.join(", ", Collections.nCopies(part.size(), "?")) + ")";
                List<Object> args = new ArrayList<>(part.size() + 4);
                args.addAll(List.of(now.plus(lease), now, worker, JobStatus.RUNNING));
                args.addAll(part);
                Sql.update(c, "UPDATE jobs SET lease_ns = ?, updated_ns = ? WHERE worker = ? AND status = ?" + in, args.toArray());
                renewed.addAll(Sql.list(c, "SELECT id FROM jobs WHERE worker = ? AND status = ?" + in, rs -> rs.getString(1),
                        args.subList(2, args.size()).toArray()));
            }
            return renewed;
        });
    }

    @Override
    public List<Job> claim(String queue, String worker, int max, Duration lease) {
        Objects.requireNonNull(worker, "worker");
        if (max <= 0) {
            return List.of();
        }
        return db.writeAndWait(c -> {
            Instant now = Instant.now();
            List<String> ids = Sql.list(c, "SELECT id FROM jobs WHERE queue = ? AND status = ? AND run_ns <= ?"
                    + " ORDER BY priority DESC, run_ns, created_ns, id LIMIT ?" + db.dialect().skipLocked(),
                    rs -> rs.getString(1), queue, JobStatus.PENDING, now, Math.min(max, 1000));
            List<Job> claimed = new ArrayList<>(ids.size());
            for (String id : ids) {
                Sql.update(c, "UPDATE jobs SET status = ?, worker = ?, lease_ns = ?, attempts = attempts + 1, updated_ns = ? WHERE id = ?",
                        JobStatus.RUNNING, worker, now.plus(lease), now, id);
                claimed.add(Sql.one(c, "SELECT " + COLUMNS + " FROM jobs WHERE id = ?", JdbcJobQueue::job, id).orElseThrow());
            }
            return claimed;
        });
    }

    @Override
    public CompletionStage<Boolean> complete(String jobId, String worker) {
        Instant now = Instant.now();
        return db.write(c -> Sql.update(c, "UPDATE jobs SET status = ?, lease_ns = NULL, last_error = NULL, updated_ns = ?"
                + " WHERE id = ? AND status = ? AND worker = ?", JobStatus.SUCCEEDED, now, jobId, JobStatus.RUNNING, worker) == 1);
    }

    @Override
    public CompletionStage<Boolean> fail(String jobId, String worker, String error, Duration retryAfter) {
        Instant now = Instant.now();
        String message = error == null ? "" : error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR) : error;
        Instant next = now.plus(retryAfter == null || retryAfter.isNegative() ? Duration.ZERO : retryAfter);
        return db.write(c -> Sql.update(c, "UPDATE jobs SET status = CASE WHEN attempts >= max_attempts THEN ? ELSE ? END,"
                + " run_ns = ?, lease_ns = NULL, last_error = ?, updated_ns = ? WHERE id = ? AND status = ? AND worker = ?",
                JobStatus.DEAD, JobStatus.PENDING, next, message, now, jobId, JobStatus.RUNNING, worker) == 1);
    }

    /** The attempt is taken back: the next claim counts it again. */
    @Override
    public CompletionStage<Boolean> release(String jobId, String worker) {
        Instant now = Instant.now();
        return db.write(c -> Sql.update(c, "UPDATE jobs SET status = ?, worker = NULL, lease_ns = NULL, run_ns = ?,"
                + " attempts = CASE WHEN attempts > 0 THEN attempts - 1 ELSE 0 END, updated_ns = ?"
                + " WHERE id = ? AND status = ? AND worker = ?", JobStatus.PENDING, now, now, jobId, JobStatus.RUNNING, worker) == 1);
    }

    @Override
    public int requeueExpired() {
        return db.writeAndWait(c -> {
            Instant now = Instant.now();
            return Sql.update(c, "UPDATE jobs SET status = CASE WHEN attempts >= max_attempts THEN ? ELSE ? END, worker = NULL,"
                    + " lease_ns = NULL, last_error = ?, updated_ns = ? WHERE status = ? AND lease_ns < ?",
                    JobStatus.DEAD, JobStatus.PENDING, "lease expired", now, JobStatus.RUNNING, now);
        });
    }

    @Override
    public Optional<Job> find(String jobId) {
        return db.read(c -> Sql.one(c, "SELECT " + COLUMNS + " FROM jobs WHERE id = ?", JdbcJobQueue::job, jobId));
    }

    @Override
    public Page<Job> list(String queue, JobStatus status, int offset, int limit) {
        int from = Math.max(0, offset);
        int size = Math.min(Math.max(0, limit), 1000);
        String where = " WHERE queue = ?" + (status == null ? "" : " AND status = ?");
        Object[] args = status == null ? new Object[] {queue} : new Object[] {queue, status};
        return db.read(c -> new Page<>(Sql.list(c, "SELECT " + COLUMNS + " FROM jobs" + where
                + " ORDER BY created_ns, id LIMIT " + size + " OFFSET " + from, JdbcJobQueue::job, args),
                Sql.count(c, "SELECT COUNT(*) FROM jobs" + where, args), from, size));
    }

    @Override
    public Map<JobStatus, Long> counts(String queue) {
        return db.read(c -> {
            Map<JobStatus, Long> counts = new EnumMap<>(JobStatus.class);
            for (JobStatus s : JobStatus.values()) {
                counts.put(s, 0L);
            }
            Sql.list(c, "SELECT status, COUNT(*) FROM jobs WHERE queue = ? GROUP BY status",
                    rs -> counts.put(JobStatus.valueOf(rs.getString(1)), rs.getLong(2)), queue);
            return counts;
        });
    }

    private static Job job(ResultSet rs) throws SQLException {
        return new Job(rs.getString("id"), rs.getString("queue"), rs.getString("type"), rs.getString("payload"),
                JobStatus.valueOf(rs.getString("status")), rs.getInt("priority"), rs.getInt("attempts"), rs.getInt("max_attempts"),
                Sql.instant(rs, "run_ns"), Sql.instant(rs, "lease_ns"), rs.getString("worker"), rs.getString("last_error"),
                Sql.instant(rs, "created_ns"), Sql.instant(rs, "updated_ns"));
    }
}
