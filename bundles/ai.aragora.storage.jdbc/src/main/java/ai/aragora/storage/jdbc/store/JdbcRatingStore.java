package ai.aragora.storage.jdbc.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import ai.aragora.api.rating.Rating;
import ai.aragora.api.rating.RatingChange;
import ai.aragora.api.storage.Prediction;
import ai.aragora.api.storage.RatingStore;
import ai.aragora.storage.jdbc.Database;
import ai.aragora.storage.jdbc.StorageBackend;
import ai.aragora.storage.jdbc.Store;
import ai.aragora.storage.jdbc.statement.Sql;

/**
 * Ratings per (agent, domain), their history and calibration predictions. A debate is recorded
 * once: the match row is the guard, so a retried {@link #recordMatch} never counts twice.
 */
@Component(service = RatingStore.class, property = "service.ranking:Integer=100")
public class JdbcRatingStore implements RatingStore {

    private static final String COLUMNS = "agent, domain, elo, wins, losses, draws, games";

    private final Database db;

    @Activate
    public JdbcRatingStore(@Reference StorageBackend backend) {
        this(backend.database(Store.ARAGORA));
    }

    /** Outside the framework (commands, tests): the store on a database at hand. */
    public static JdbcRatingStore on(Database db) {
        return new JdbcRatingStore(db);
    }

    /** Private: DS would otherwise consider it when choosing the activation constructor. */
    private JdbcRatingStore(Database db) {
        this.db = db;
    }

    @Override
    public Optional<Rating> find(String agent, String domain) {
        return db.read(c -> Sql.one(c, "SELECT " + COLUMNS + " FROM ratings WHERE agent = ? AND domain = ?",
                JdbcRatingStore::rating, agent, domain));
    }

    @Override
    public List<Rating> top(String domain, int limit) {
        return db.read(c -> Sql.list(c, "SELECT " + COLUMNS + " FROM ratings WHERE domain = ? ORDER BY elo DESC, agent LIMIT ?",
                JdbcRatingStore::rating, domain, Math.min(Math.max(0, limit), 1000)));
    }

    @Override
    public CompletionStage<Void> recordMatch(String debateId, List<Rating> ratings, List<RatingChange> changes,
            List<Prediction> predictions) {
        List<Rating> rs = List.copyOf(ratings);
        List<RatingChange> cs = List.copyOf(changes);
        List<Prediction> ps = List.copyOf(predictions);
        for (Rating r : rs) {
            if (!Double.isFinite(r.elo())) {
                throw new IllegalArgumentException("rating of " + r.agent() + " is not a finite number");
            }
        }
        return db.write(c -> {
            if (Sql.update(c, "INSERT INTO rating_matches (debate_id, recorded_ns) VALUES (?, ?) ON CONFLICT (debate_id) DO NOTHING",
                    debateId, java.time.Instant.now()) == 0) {
                return null;
            }
            // One batch per table: on PostgreSQL each is one round trip instead of one per row.
            Sql.batch(c, "INSERT INTO ratings (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (agent, domain) DO UPDATE"
                    + " SET elo = excluded.elo, wins = excluded.wins, losses = excluded.losses, draws = excluded.draws, games = excluded.games",
                    rs.stream().map(r -> new Object[] {r.agent(), r.domain(), r.elo(), r.wins(), r.losses(), r.draws(), r.games()})
                            .toList());
            Sql.batch(c, "INSERT INTO rating_history (agent, domain, debate_id, elo_before, elo_after, at_ns) VALUES (?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (agent, domain, debate_id) DO NOTHING",
                    cs.stream().map(ch -> new Object[] {ch.agent(), ch.domain(), ch.debateId(), ch.before(), ch.after(), ch.at()})
                            .toList());
            Sql.batch(c, "INSERT INTO predictions (agent, debate_id, confidence, correct, at_ns) VALUES (?, ?, ?, ?, ?)"
                    + " ON CONFLICT (agent, debate_id) DO NOTHING",
                    ps.stream().map(p -> new Object[] {p.agent(), p.debateId(), p.confidence(), p.correct(), p.at()}).toList());
            return null;
        });
    }

    @Override
    public List<RatingChange> history(String agent, int limit) {
        return db.read(c -> Sql.list(c, "SELECT agent, domain, debate_id, elo_before, elo_after, at_ns FROM rating_history"
                + " WHERE agent = ? ORDER BY at_ns DESC, id DESC LIMIT ?", rs -> new RatingChange(rs.getString(1), rs.getString(2),
                        rs.getString(3), rs.getDouble(4), rs.getDouble(5), Sql.instant(rs.getLong(6))),
                agent, Math.min(Math.max(0, limit), 10_000)));
    }

    @Override
    public List<Prediction> predictions(String agent) {
        return db.read(c -> Sql.list(c, "SELECT agent, debate_id, confidence, correct, at_ns FROM predictions WHERE agent = ?"
                + " ORDER BY at_ns, debate_id", rs -> new Prediction(rs.getString(1), rs.getString(2), rs.getDouble(3),
                        rs.getInt(4) == 1, Sql.instant(rs.getLong(5))), agent));
    }

    private static Rating rating(ResultSet rs) throws SQLException {
        return new Rating(rs.getString(1), rs.getString(2), rs.getDouble(3), rs.getInt(4), rs.getInt(5), rs.getInt(6), rs.getInt(7));
    }
}
