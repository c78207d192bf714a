package ai.aragora.storage.jdbc.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import ai.aragora.api.storage.ApiKey;
import ai.aragora.api.storage.ApiKeyStore;
import ai.aragora.storage.jdbc.Database;
import ai.aragora.storage.jdbc.StorageBackend;
import ai.aragora.storage.jdbc.StorageException;
import ai.aragora.storage.jdbc.Store;
import ai.aragora.storage.jdbc.statement.Sql;

/** API keys in the {@code users} store, next to their owners (a foreign key: deleting a user deletes their keys). */
@Component(service = ApiKeyStore.class, property = "service.ranking:Integer=100")
public class JdbcApiKeyStore implements ApiKeyStore {

    private static final String COLUMNS = "id, prefix, key_hash, owner_id, org_id, created_ns, revoked_ns";

    private final Database db;

    @Activate
    public JdbcApiKeyStore(@Reference StorageBackend backend) {
        this(backend.database(Store.USERS));
    }

    /** Outside the framework (commands, tests): the store on a database at hand. */
    public static JdbcApiKeyStore on(Database db) {
        return new JdbcApiKeyStore(db);
    }

    /** Private: DS would otherwise consider it when choosing the activation constructor. */
    private JdbcApiKeyStore(Database db) {
        this.db = db;
    }

    @Override
    public CompletionStage<Void> create(ApiKey k) {
        return db.write(c -> {
            if (Sql.count(c, "SELECT COUNT(*) FROM api_keys WHERE id = ? OR prefix = ?", k.id(), k.prefix()) > 0) {
                throw new StorageException("an API key with this id or prefix already exists");
            }
            if (Sql.count(c, "SELECT COUNT(*) FROM users WHERE id = ?", k.ownerId()) == 0) {
                throw new StorageException("the owner of API key " + k.id() + " does not exist");
            }
            Sql.update(c, "INSERT INTO api_keys (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)", k.id(), k.prefix(), k.keyHash(),
                    k.ownerId(), k.orgId(), k.createdAt(), k.revokedAt().orElse(null));
            return null;
        });
    }

    @Override
    public Optional<ApiKey> find(String keyId) {
        return db.read(c -> Sql.one(c, "SELECT " + COLUMNS + " FROM api_keys WHERE id = ?", JdbcApiKeyStore::key, keyId));
    }

    @Override
    public Optional<ApiKey> findByPrefix(String prefix) {
        return db.read(c -> Sql.one(c, "SELECT " + COLUMNS + " FROM api_keys WHERE prefix = ?", JdbcApiKeyStore::key, prefix));
    }

    @Override
    public List<ApiKey> listByOwner(String ownerId) {
        return db.read(c -> Sql.list(c, "SELECT " + COLUMNS + " FROM api_keys WHERE owner_id = ? ORDER BY created_ns, id",
                JdbcApiKeyStore::key, ownerId));
    }

    @Override
    public CompletionStage<Boolean> revoke(String keyId, Instant at) {
        Instant when = at == null ? Instant.now() : at;
        return db.write(c -> Sql.update(c, "UPDATE api_keys SET revoked_ns = ? WHERE id = ? AND revoked_ns IS NULL", when, keyId) == 1);
    }

    private static ApiKey key(ResultSet rs) throws SQLException {
        return new ApiKey(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                Sql.instant(rs.getLong(6)), Optional.ofNullable(Sql.instant(rs, "revoked_ns")));
    }
}
