package ai.aragora.storage.jdbc.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import ai.aragora.api.storage.ShareLink;
import ai.aragora.api.storage.ShareLinkStore;
import ai.aragora.storage.jdbc.Database;
import ai.aragora.storage.jdbc.StorageBackend;
import ai.aragora.storage.jdbc.StorageException;
import ai.aragora.storage.jdbc.Store;
import ai.aragora.storage.jdbc.statement.Sql;

/** Share links in the {@code users} store, beside the other credentials that stand for someone. */
@Component(service = ShareLinkStore.class, property = "service.ranking:Integer=100")
public class JdbcShareLinkStore implements ShareLinkStore {

    private static final String COLUMNS = "id, token_hash, debate_id, org_id, created_by, created_ns, expires_ns, revoked_ns";

    private final Database db;

    @Activate
    public JdbcShareLinkStore(@Reference StorageBackend backend) {
        this(backend.database(Store.USERS));
    }

    /** Outside the framework (commands, tests): the store on a database at hand. */
    public static JdbcShareLinkStore on(Database db) {
        return new JdbcShareLinkStore(db);
    }

    /** Private: DS would otherwise consider it when choosing the activation constructor. */
    private JdbcShareLinkStore(Database db) {
        this.db = db;
    }

    @Override
    public CompletionStage<Void> create(ShareLink s) {
        return db.write(c -> {
            // Either unique key (id, token) refuses it without an error that would end the writer's shared transaction.
            if (Sql.update(c, "INSERT INTO share_links (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", s.id(),
                    s.tokenHash(), s.debateId(), s.orgId(), s.createdBy(), s.createdAt(), s.expiresAt(), s.revokedAt().orElse(null)) == 0) {
                throw new StorageException("a share link with this id or token already exists");
            }
            return null;
        });
    }

    @Override
    public Optional<ShareLink> find(String id) {
        return db.read(c -> Sql.one(c, "SELECT " + COLUMNS + " FROM share_links WHERE id = ?", JdbcShareLinkStore::link, id));
    }

    @Override
    public Optional<ShareLink> findByTokenHash(String tokenHash) {
        return db.read(c -> Sql.one(c, "SELECT " + COLUMNS + " FROM share_links WHERE token_hash = ?", JdbcShareLinkStore::link,
                tokenHash));
    }

    @Override
    public CompletionStage<Boolean> revoke(String id, Instant at) {
        Instant when = at == null ? Instant.now() : at;
        return db.write(c -> Sql.update(c, "UPDATE share_links SET revoked_ns = ? WHERE id = ? AND revoked_ns IS NULL", when, id) == 1);
    }

    private static ShareLink link(ResultSet rs) throws SQLException {
        return new ShareLink(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                Sql.instant(rs.getLong(6)), Sql.instant(rs.getLong(7)), Optional.ofNullable(Sql.instant(rs, "revoked_ns")));
    }
}
