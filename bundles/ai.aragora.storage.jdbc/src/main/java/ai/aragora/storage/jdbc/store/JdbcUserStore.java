package ai.aragora.storage.jdbc.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import ai.aragora.api.storage.Page;
import ai.aragora.api.storage.User;
import ai.aragora.api.storage.UserStore;
import ai.aragora.storage.jdbc.Database;
import ai.aragora.storage.jdbc.StorageBackend;
import ai.aragora.storage.jdbc.StorageException;
import ai.aragora.storage.jdbc.Store;
import ai.aragora.storage.jdbc.statement.Sql;

/** Users in the {@code users} store; emails are unique, compared in lower case. */
@Component(service = UserStore.class, property = "service.ranking:Integer=100")
public class JdbcUserStore implements UserStore {

    private static final String COLUMNS = "id, email, password_hash, org_id, role, token_version, created_ns, updated_ns";

    private final Database db;

    @Activate
    public JdbcUserStore(@Reference StorageBackend backend) {
        this(backend.database(Store.USERS));
    }

    /** Outside the framework (commands, tests): the store on a database at hand. */
    public static JdbcUserStore on(Database db) {
        return new JdbcUserStore(db);
    }

    /** Private: DS would otherwise consider it when choosing the activation constructor. */
    private JdbcUserStore(Database db) {
        this.db = db;
    }

    @Override
    public CompletionStage<Void> create(User u) {
        return db.write(c -> {
            if (Sql.count(c, "SELECT COUNT(*) FROM users WHERE id = ? OR email = ?", u.id(), u.email()) > 0) {
                throw new StorageException("a user with this id or email already exists");
            }
            Sql.update(c, "INSERT INTO users (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)", u.id(), u.email(), u.passwordHash(),
                    u.orgId(), u.role(), u.tokenVersion(), u.createdAt(), u.updatedAt());
            return null;
        });
    }

    @Override
    public CompletionStage<Boolean> update(User u) {
        Instant now = Instant.now();
        return db.write(c -> {
            if (Sql.count(c, "SELECT COUNT(*) FROM users WHERE email = ? AND id <> ?", u.email(), u.id()) > 0) {
                throw new StorageException("another user has this email");
            }
            return Sql.update(c, "UPDATE users SET email = ?, password_hash = ?, org_id = ?, role = ?, token_version = ?, updated_ns = ?"
                    + " WHERE id = ?", u.email(), u.passwordHash(), u.orgId(), u.role(), u.tokenVersion(), now, u.id()) == 1;
        });
    }

    @Override
    public CompletionStage<Optional<Integer>> bumpTokenVersion(String userId) {
        Instant now = Instant.now();
        return db.write(c -> {
            if (Sql.update(c, "UPDATE users SET token_version = token_version + 1, updated_ns = ? WHERE id = ?", now, userId) == 0) {
                return Optional.empty();
            }
            return Sql.one(c, "SELECT token_version FROM users WHERE id = ?", rs -> rs.getInt(1), userId);
        });
    }

    @Override
    public Optional<User> find(String userId) {
        return db.read(c -> Sql.one(c, "SELECT " + COLUMNS + " FROM users WHERE id = ?", JdbcUserStore::user, userId));
    }

    @Override
    public Optional<User> findByEmail(String email) {
        String key = email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
        return db.read(c -> Sql.one(c, "SELECT " + COLUMNS + " FROM users WHERE email = ?", JdbcUserStore::user, key));
    }

    @Override
    public Page<User> list(String orgId, int offset, int limit) {
        int from = Math.max(0, offset);
        int size = Math.min(Math.max(0, limit), 1000);
        return db.read(c -> new Page<>(Sql.list(c, "SELECT " + COLUMNS + " FROM users WHERE org_id = ? ORDER BY created_ns, id LIMIT ? OFFSET ?",
                JdbcUserStore::user, orgId, size, from), Sql.count(c, "SELECT COUNT(*) FROM users WHERE org_id = ?", orgId), from, size));
    }

    @Override
    public CompletionStage<Boolean> delete(String userId) {
        return db.write(c -> Sql.update(c, "DELETE FROM users WHERE id = ?", userId) == 1);
    }

    private static User user(ResultSet rs) throws SQLException {
        return new User(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getInt(6),
                Sql.instant(rs.getLong(7)), Sql.instant(rs.getLong(8)));
    }
}
