package ai.aragora.knowledge;

import java.nio.file.Path;

import ai.aragora.storage.jdbc.Store;
import ai.aragora.storage.jdbc.sql.JdbcDatabases;
import ai.aragora.storage.jdbc.store.JdbcDebateStore;
import ai.aragora.storage.jdbc.store.JdbcKnowledgeStore;
import ai.aragora.storage.sqlite.SqliteBackend;

/** A mound on the real knowledge store in a SQLite data dir, with the debate store beside it. */
final class SqliteMound implements AutoCloseable {

    final SqliteBackend backend;
    final JdbcKnowledgeStore store;
    final JdbcDebateStore debates;
    final MoundMetrics metrics = MoundMetrics.unregistered();
    final AdapterSync sync;
    final Mound mound;

    SqliteMound(Path dir, TestConfig config) {
        backend = new SqliteBackend(new JdbcDatabases(), dir, 10_000, 4, 512, true);
        store = JdbcKnowledgeStore.on(backend.database(Store.KNOWLEDGE_MOUND));
        debates = JdbcDebateStore.on(backend.database(Store.ARAGORA));
        sync = AdapterSync.onCallerThread(store, metrics);
        sync.bindDebates(debates);
        mound = new Mound(store, metrics, sync, config);
    }

    @Override
    public void close() {
        mound.deactivate();
        sync.deactivate();
        backend.close();
    }
}
