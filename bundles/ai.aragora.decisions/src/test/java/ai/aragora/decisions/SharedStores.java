package ai.aragora.decisions;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import ai.aragora.api.debate.DebateResult;
import ai.aragora.api.debate.DebateSpec;
import ai.aragora.api.debate.DebateStatus;
import ai.aragora.api.storage.DebateRecord;
import ai.aragora.api.storage.DebateStore;
import ai.aragora.api.storage.Job;
import ai.aragora.api.storage.JobQueue;
import ai.aragora.api.storage.JobStatus;
import ai.aragora.storage.jdbc.Store;
import ai.aragora.storage.jdbc.sql.JdbcDatabases;
import ai.aragora.storage.jdbc.statement.Sql;
import ai.aragora.storage.jdbc.store.JdbcJobQueue;
import ai.aragora.storage.sqlite.SqliteBackend;

/** What several instances share besides the decisions: the job queue and the debates' results. */
final class SharedStores {

    private SharedStores() {
    }

    /** The real job queue, in a SQLite data dir of the test's. */
    static final class Jobs implements AutoCloseable {
        private final SqliteBackend backend;
        final JobQueue queue;

        Jobs(Path dir) {
            backend = new SqliteBackend(new JdbcDatabases(), dir, 10_000, 4, 512, true);
            queue = JdbcJobQueue.on(backend.database(Store.JOB_QUEUE));
        }

        Optional<Job> find(String jobId) {
            return queue.find(jobId);
        }

        JobStatus status(String decisionId) {
            return queue.find(Custody.jobId(decisionId)).orElseThrow().status();
        }

        /** Lets every lease run out at once, as when the instance holding them died. */
        void expireAll() {
            backend.database(Store.JOB_QUEUE).writeAndWait(c -> Sql.update(c, "UPDATE jobs SET lease_ns = ? WHERE status = ?",
                    Instant.now().minusSeconds(1), JobStatus.RUNNING));
        }

        @Override
        public void close() {
            backend.close();
        }
    }

    /** The debates' stored results, as an instance that finished one leaves them: only find and result are read. */
    static final class Debates {
        final Map<String, DebateResult> results = new ConcurrentHashMap<>();
        final Set<String> known = ConcurrentHashMap.newKeySet();

        DebateStore store() {
            return (DebateStore) Proxy.newProxyInstance(DebateStore.class.getClassLoader(), new Class<?>[] {DebateStore.class},
                    (self, method, args) -> switch (method.getName()) {
                        case "result" -> Optional.ofNullable(results.get((String) args[0]));
                        case "find" -> known.contains((String) args[0]) || results.containsKey((String) args[0])
                                ? Optional.of(record((String) args[0])) : Optional.empty();
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        }

        private static DebateRecord record(String id) {
            return new DebateRecord(id, DebateSpec.builder("a stored debate").build(), null, DebateStatus.RUNNING, 0, false,
                    Instant.now(), null);
        }
    }
}
